"""Accessibility of every page type in a real browser: axe-core, keyboard, phone layout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import build

from .browsing import add_extra_postings, axe_source, axe_violations, serve_folder

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "index": "index.html",
    "index filtered": "index.html?skill=python&remote=1",
    "index no match": "index.html?q=zzzz",
    "posting": "jobs/senior-data-engineer/index.html",
    "scraped posting": "jobs/territory-account-manager/index.html",
    "skills": "skills/index.html",
    "skill": "skills/python/index.html",
    "levels": "experience/index.html",
    "level": "experience/associate/index.html",
    "404": "404.html",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import shutil

    from .conftest import ROOT

    project = tmp_path_factory.mktemp("a11y") / "project"
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copy(ROOT / "careers.toml", project / "careers.toml")
    add_extra_postings(project)
    build(load_config(project, {"base_url": "/"}))
    with serve_folder(project / "site") as url:
        yield url


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_wcag_violations(browser, site_url: str, name: str, scheme: str) -> None:
    source = axe_source()
    page = browser.new_page(color_scheme=scheme)
    page.goto(site_url + PAGE_TYPES[name])
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") is (scheme == "dark")
    assert axe_violations(page, source) == []
    page.close()


def test_axe_reports_a_known_violation(browser) -> None:
    """The harness itself: a page with an unlabelled field and an image without alt fails."""
    page = browser.new_page()
    page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input></main></html>')
    found = " ".join(axe_violations(page, axe_source()))
    page.close()
    assert "image-alt" in found and "label" in found


def test_no_external_requests(browser, site_url: str) -> None:
    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PAGE_TYPES.values():
        page.goto(site_url + path)
    page.close()
    assert requested and all(url.startswith(site_url) for url in requested), requested


def test_skip_link_is_first_and_moves_focus_to_the_content(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "jobs/senior-data-engineer/index.html")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link must be on screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
    page.close()


FOCUS_WALK = """() => {
  const el = document.activeElement;
  if (el === document.body) return {key: null, visible: false};
  const own = getComputedStyle(el);
  const after = getComputedStyle(el, '::after');
  const ring = s => s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  return {key: el.tagName + '#' + (el.id || el.getAttribute('href')),
          visible: ring(own) || ring(after)};
}"""

CONTROLS = """() => [...document.querySelectorAll('a[href], input, select, button')]
  .filter(el => el.offsetParent !== null || getComputedStyle(el).position === 'fixed')
  .map(el => el.tagName + '#' + (el.id || el.getAttribute('href')))"""


@pytest.mark.parametrize(
    "path", ["index.html", "jobs/territory-account-manager/index.html", "skills/index.html"]
)
def test_every_control_is_reachable_by_keyboard_with_a_visible_focus(
    browser, site_url: str, path: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site_url + path)
    controls = page.evaluate(CONTROLS)
    reached: dict[str, bool] = {}
    for _ in range(len(controls) + 5):
        page.keyboard.press("Tab")
        step = page.evaluate(FOCUS_WALK)
        if step["key"] is None:
            break
        reached[step["key"]] = step["visible"]
    page.close()
    assert "A##main" in reached, "the skip link must be reachable"
    assert set(controls) <= set(reached), set(controls) - set(reached)
    assert [key for key, visible in reached.items() if not visible] == []


def test_apply_button_is_visible_without_scrolling_on_a_phone(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 667})
    for slug in ("senior-data-engineer", "enterprise-account-manager-eam-spectrum-enterprise"):
        page.goto(site_url + f"jobs/{slug}/index.html")
        button = page.get_by_role("link", name="Apply now").first
        box = button.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 667, slug
    page.close()


def test_pages_fit_a_320_px_screen(browser, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 320, "height": 640})
    for path in PAGE_TYPES.values():
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} scrolls sideways ({width}px)"
    page.close()


def test_theme_css_and_js_stay_small(tmp_path: Path) -> None:
    from .conftest import ROOT

    static = ROOT / "templates" / "static"
    size = sum(p.stat().st_size for p in static.iterdir() if p.suffix in (".css", ".js"))
    assert size < 30_000, f"theme CSS + JS is {size} bytes; the budget is 30 KB"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_pale_brand_accent_still_passes(browser, project: Path, scheme: str) -> None:
    """A yellow accent is darkened (light) and kept light (dark) so links and buttons still read."""
    with (project / "careers.toml").open("a") as f:
        f.write('accent_color = "#ffd400"\n')
    build(load_config(project, {"base_url": "/"}))
    source = axe_source()
    page = browser.new_page(color_scheme=scheme)
    with serve_folder(project / "site") as url:
        for path in ("index.html", "jobs/senior-data-engineer/index.html"):
            page.goto(url + path)
            assert axe_violations(page, source) == [], path
    page.close()


def test_printed_posting_shows_the_text_and_where_to_apply(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "jobs/senior-data-engineer/index.html")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.locator(".related").is_visible()
    assert page.get_by_role("heading", name="What you will do").is_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.posting-head .button'), '::after').content"
    )
    assert "northwind.example.com/apply/senior-data-engineer" in after
    page.close()
