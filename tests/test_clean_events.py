"""The cleaner reads libxml2's parse as a flat list of events, without building a tree.

It used to walk BeautifulSoup's tree (lxml builder), which costs a Python object per node;
issue 8 asks for "the fastest tree builder that keeps our behaviour". These tests hold the
event list to exactly what that walk saw: the same elements in the same nesting, the same
strings (BeautifulSoup joins, collapses and hides some), and the same "is this plain
text?" answer, over the hostile corpus, the seeds and arbitrary HTML.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag
from hypothesis import given
from hypothesis import strategies as st

from careers.posting.clean import _MARKUP_TAGS, Event, clean_html, parse_events
from tests.test_clean_properties import HTML, SETTINGS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "content" / "jobs").glob("*.html"))
CORPUS = Path(__file__).parent / "data" / "xss.json"
PAYLOADS = [case["payload"] for case in json.loads(CORPUS.read_text(encoding="utf-8"))]


def soup_events(html: str) -> tuple[list[Event], bool]:
    """The events of BeautifulSoup's tree of ``html``, and whether it holds no markup tag."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(html, "lxml")
    events: list[Event] = []

    def visit(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                name = child.name.lower()
                href = child.get("href") if name == "a" else None
                events.append((name, href if isinstance(href, str) else None))
                visit(child)
                events.append(None)
            elif type(child) is NavigableString:  # not comments, doctypes or ruby annotations
                events.append(str(child))

    visit(soup)
    return events, soup.find(list(_MARKUP_TAGS)) is None


def assert_same(html: str) -> None:
    parsed = parse_events(html)
    assert (parsed.events, parsed.plain) == soup_events(html)


def test_the_corpus_is_loaded() -> None:
    assert len(PAYLOADS) > 100 and len(SEEDS) == 5


@pytest.mark.parametrize("html", PAYLOADS, ids=range(len(PAYLOADS)))
def test_hostile_payloads_parse_as_beautifulsoup_parses_them(html: str) -> None:
    assert_same(html)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seeds_parse_as_beautifulsoup_parses_them(seed: Path) -> None:
    assert_same(seed.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n  ",
        "just text\nover two lines",
        "\ufeffa body that starts with a byte-order mark",
        "a <!-- comment --> splits <?pi x?> text",
        "<pre>  kept   \n  spaces </pre><p>  \n  </p>",
        "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby> and <rt><b>deep</b></rt>",
        "<p>one</p>\n\n<p>two</p>",
        "<o:p>Word</o:p><svg><p>inside svg</p></svg><noscript><p>x</p></noscript>",
        "<a href=' https://example.com/x '>link</a><a>no href</a>",
        "<?xml version='1.0'?><root><item>looks like XML</item></root>",
        "<table><tr><td>a</td><td>b</td></tr></table>",
    ],
)
def test_edge_cases_parse_as_beautifulsoup_parses_them(html: str) -> None:
    assert_same(html)


@SETTINGS
@given(st.one_of(HTML, st.text()))
def test_arbitrary_html_parses_as_beautifulsoup_parses_it(html: str) -> None:
    assert_same(html)


def test_an_xml_looking_body_is_cleaned_without_a_warning(recwarn: pytest.WarningsRecorder) -> None:
    # BeautifulSoup warned on stderr ("XMLParsedAsHTMLWarning") in the middle of a build.
    cleaned = clean_html("<?xml version='1.0'?><job><p>Write code.</p></job>")
    assert [w for w in recwarn.list] == []
    assert "Write code." in repr(cleaned.sections)
