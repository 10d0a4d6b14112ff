"""Properties of front matter over arbitrary YAML (hypothesis).

1. ``parse_source`` on any file whose front matter is a YAML mapping (of any keys, values,
   tags, escapes, dates, numbers, aliases) returns a ``Source`` or raises ``ContentError``,
   never anything else; the error prints as one ``path:line: error: message`` line.
2. ``read_fields`` on any such ``Source`` never raises: every problem is a ``Diagnostic``
   of the posting, at a line of the file, printed on one line without control characters.
3. Whatever was read holds no character a page or feed may not hold.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings, strategies as st

from careers.errors import ContentError
from careers.posting.fields import READERS, read_fields
from careers.showable import UNSHOWABLE
from careers.sources.source import parse_source

SETTINGS = settings(
    max_examples=400,
    deadline=None,  # the machine is shared: time limits would only make the test flaky
    suppress_health_check=[HealthCheck.too_slow],
)
RELPATH = "content/jobs/x.md"
LINE = re.compile(r"content/jobs/x\.md(:\d+)?: (error|warning|info): [^\n]+")

# Mostly text YAML reads as a plain scalar; now and then anything at all.
plain = (
    st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters=":#{}[],&*!|>'\"%@`?-\n\r\t\x00\\"),
        min_size=1,
        max_size=20,
    )
    .map(str.strip)
    .filter(bool)
)
anything = st.text(st.characters(blacklist_characters="\x00"), max_size=30)
names = st.sampled_from([*READERS, "yes", "no", "1", "~", "null", "<<", '"a\\nb"', "'q'", '"\\x1b[2J"'])
keys = st.one_of(
    names, names, names, plain, plain, anything.filter(bool)
)  # one branch drawn as often as another
digits = st.integers(min_value=0, max_value=10**6).map(str) | st.sampled_from(["7" * 4301, "0x" + "f" * 5000])
dates = st.builds(
    "{}-{:02d}-{:02d}{}".format,
    st.integers(0, 10000),
    st.integers(0, 14),
    st.integers(0, 33),
    st.sampled_from(["", " 25:00:00", " 10:00:00", "T23:59:59Z", " 1:2:3+25:00", "t00:00:00.5-05:00"]),
)
escapes = st.lists(
    st.sampled_from(
        ["\\a", "\\x07", "\\e", "\\u202e", "\\ud83d", "\\U0001F680", "\\n", "\\0", "\\x85", "text"]
    ),
    max_size=4,
).map(lambda parts: '"' + "".join(parts) + '"')
tags = st.builds(
    "!!{} {}".format,
    st.sampled_from(
        ["int", "float", "bool", "timestamp", "str", "binary", "set", "omap", "null", "map", "x"]
    ),
    st.sampled_from(["abc", "x", "maybe", "soon", "5", "1e400", "[a]", "{a: 1}", "''", "%%%"]),
)
scalars = st.one_of(
    st.text(max_size=30), digits, dates, escapes, tags, st.sampled_from([".nan", ".inf", "-.inf"])
)


def collections(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    flow = st.one_of(
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(keys, inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{k}: {v}" for k, v in d.items()) + "}"
        ),
    )
    return st.one_of(flow, flow.map("&a {}".format), st.just("*a0"))


values = st.recursive(scalars, collections, max_leaves=6)


def numbered_anchors(text: str) -> str:
    """Every ``&a`` its own name: YAML refuses one anchor twice."""
    count = itertools.count(1)
    return re.sub(r"&a(?= )", lambda _: f"&a{next(count)}", text)


front_matter = st.builds(
    "{}{}".format,
    st.sampled_from(["base: &a0 [Python, SQL]\n", "base: &a0 {min: 1, max: 2}\n", "base: &a0 x\n"]),
    st.lists(st.tuples(keys, values), min_size=1, max_size=6).map(
        lambda pairs: numbered_anchors("".join(f"{k}: {v}\n" for k, v in pairs))
    ),
)


def holds_unshowable(value: object) -> bool:
    todo, seen = [value], set()
    while todo:
        item = todo.pop()
        if isinstance(item, str) and UNSHOWABLE.search(item):
            return True
        if isinstance(item, (list, dict)) and id(item) not in seen:
            seen.add(id(item))
            todo.extend([*item.keys(), *item.values()] if isinstance(item, dict) else item)
    return False


@SETTINGS
@given(front_matter)
@example("date: 2024-02-30\n")
@example("salary: {min: 1, max: 1" + "0" * 400 + "}\n")
@example("yes: 1\n1: x\ntitle: !!bool maybe\n")
@example("apply_url: http://[::1\n")
@example('skills: ["\\a", &a [*a]]\n')
def test_front_matter_raises_only_content_errors(text: str) -> None:
    data = f"---\n{text}---\nSome body text.\n".encode("utf-8", "surrogatepass")
    try:
        source = parse_source(data, Path("x.md"), RELPATH)
    except ContentError as exc:
        assert LINE.fullmatch(str(exc)), str(exc)
        return
    assert not holds_unshowable(source.meta)
    fields, found = read_fields(source)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 2  # as the decoder counts
    for diagnostic in found:
        assert LINE.fullmatch(str(diagnostic)), str(diagnostic)
        assert diagnostic.line is None or 1 <= diagnostic.line <= lines
    assert sorted(found) == sorted(reversed(found))
    for value in vars(fields).values():
        assert not holds_unshowable(value if not isinstance(value, tuple) else list(value))
