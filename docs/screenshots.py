"""Retake the README's screenshots: the sample site in Chromium at phone and desktop widths.

Run from the project root: ``python docs/screenshots.py`` (needs /usr/bin/chromium and playwright).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from careers.config import load_config  # noqa: E402
from careers.engine import build  # noqa: E402
from tests.browsing import serve_folder  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "index": "index.html",
    "posting": "jobs/senior-data-engineer/index.html",
    "department": "departments/sales/index.html",
    "skill": "skills/salesforce/index.html",
}
SIZES = {375: 812, 1280: 900}


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        build(load_config(ROOT, {"output_dir": str(Path(tmp) / "site"), "base_url": "/"}))
        with serve_folder(Path(tmp) / "site") as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for scheme in ("light", "dark"):
                for width, height in SIZES.items():
                    page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
                    for name, path in PAGES.items():
                        if scheme == "dark" and (name != "posting" or width != 1280):
                            continue
                        page.goto(url + path)
                        suffix = "-dark" if scheme == "dark" else ""
                        page.screenshot(path=str(OUT / f"{name}-{width}{suffix}.png"))
                    page.close()
            browser.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT.relative_to(ROOT)}/")


if __name__ == "__main__":
    main()
