"""How long the index filters take in Chromium on a large site: page ready, a keystroke, a facet.

    python bench/filters.py 1000 5000        # postings per site; prints medians of several runs

Each figure is measured inside the page with ``performance.now()``: from dispatching the
``input`` event until the list is filtered, re-sorted and laid out (a forced layout), i.e.
what the visitor waits for. The machine may be shared: the medians are what to quote.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from careers.config import load_config  # noqa: E402
from careers.engine import build  # noqa: E402
from tests.browsing import serve_folder  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

MEASURE = """([name, value]) => {
  const form = document.getElementById('filters');
  const el = form.elements[name];
  const t0 = performance.now();
  el.value = value;
  el.dispatchEvent(new Event('input', {bubbles: true}));
  document.body.offsetHeight;
  return performance.now() - t0;
}"""

STEPS = [("q", "e"), ("q", "en"), ("q", "engineer"), ("q", ""), ("sort", "title"), ("sort", "newest")]


def measure(url: str, runs: int) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    samples: dict[str, list[float]] = {"ready": [], "keystroke": [], "sort": [], "skill": []}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for _ in range(runs):
            page.goto(url + "index.html")
            page.wait_for_function("!document.getElementById('filters').hidden")
            samples["ready"].append(page.evaluate("performance.now()"))
            for name, value in STEPS:
                took = page.evaluate(MEASURE, [name, value])
                samples["sort" if name == "sort" else "keystroke"].append(took)
            skill = page.eval_on_selector("#f-skill option:nth-child(2)", "o => o.value")
            samples["skill"].append(page.evaluate(MEASURE, ["skill", skill]))
        browser.close()
    return {key: statistics.median(values) for key, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="+")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("postings  index KB  ready ms  keystroke ms  facet ms  sort ms  (medians)")
    for count in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            generate(count, Path(tmp))
            build(load_config(Path(tmp), {"base_url": "/"}))
            size = (Path(tmp) / "site" / "index.html").stat().st_size / 1000
            with serve_folder(Path(tmp) / "site") as url:
                m = measure(url, args.runs)
        row = f"{count:8d}  {size:8.0f}  {m['ready']:8.0f}  {m['keystroke']:12.1f}"
        print(f"{row}  {m['skill']:8.1f}  {m['sort']:7.1f}")


if __name__ == "__main__":
    main()
