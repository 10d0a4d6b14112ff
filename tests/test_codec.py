"""The stored form of a posting follows the model: any valid posting, every field set, comes back exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
import types
import typing
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from careers.employment import EMPLOYMENT_LABELS
from careers.engine.cache.codec import KINDS, check_values, decode_result, encode_result
from careers.model import EMPLOYMENT_TYPES, SALARY_UNITS, Checked, Posting, Result, Salary
from careers.posting.html import sanitize
from careers.posting.salary import SALARY_UNITS as SALARY_SPELLINGS

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
WORD = st.from_regex(r"[a-z0-9]{1,8}", fullmatch=True)
SLUG = st.lists(WORD, min_size=1, max_size=4).map("-".join)
URL = st.one_of(
    st.builds("https://{}.example/{}".format, WORD, WORD), st.builds("mailto:{}@example.org".format, WORD)
)
INLINE = st.lists(
    st.one_of(
        TEXT.map(lambda t: re.sub(r"[<>&]", "", t)),
        st.builds("<strong>{}</strong>".format, WORD),
        st.builds("<em>{}</em>".format, WORD),
        st.builds('<a href="https://{}.example/">{}</a>'.format, WORD, WORD),
    ),
    max_size=4,
).map("".join)
BLOCK = st.one_of(
    st.builds("<p>{}</p>".format, INLINE),
    st.lists(INLINE, min_size=1, max_size=3).map(
        lambda items: "<ul>\n" + "\n".join(f"<li>{i}</li>" for i in items) + "\n</ul>"
    ),
)
HTML = st.lists(BLOCK, max_size=3).map(lambda blocks: sanitize("\n".join(blocks)))  # as the cleaner emits it
KIND_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "slug": SLUG,
    "html": HTML,
    "url": URL,
    "amount": st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12),
    "months": st.integers(0, 1200),
}


def values_of(hint: Any, every_field: bool) -> st.SearchStrategy[Any]:
    """Arbitrary valid values of the model type ``hint``, worked out from the type alone (a
    new field needs nothing here); ``every_field``: optional values are always given."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        mark = next(m for m in hint.__metadata__ if isinstance(m, Checked))
        return st.sampled_from(mark.choices) if mark.kind == "choice" else KIND_VALUES[mark.kind]
    if origin in (typing.Union, types.UnionType):
        inner = [values_of(a, every_field) for a in args if a is not type(None)]
        return st.one_of(*inner) if every_field else st.one_of(st.none(), *inner)
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return st.lists(values_of(args[0], every_field), min_size=int(every_field), max_size=3).map(tuple)
    if origin is tuple:
        return st.tuples(*(values_of(a, every_field) for a in args))
    if origin is dict:
        return st.dictionaries(values_of(args[0], every_field), values_of(args[1], every_field), max_size=3)
    if hint is str:
        return TEXT
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(-(2**40), 2**40)
    if hint is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if hint is dt.date:
        return st.dates()
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint, include_extras=True)
        fields = {f.name: values_of(hints[f.name], every_field) for f in dataclasses.fields(hint) if f.init}
        return st.builds(hint, **fields)
    raise AssertionError(f"the model holds a type this test cannot make values of: {hint!r}")


@settings(max_examples=150, deadline=None)
@given(values_of(Result, every_field=True))
def test_any_result_with_every_field_set_comes_back_exactly(result: Result) -> None:
    assert result.posting is not None
    assert all(getattr(result.posting, f.name) not in (None, ()) for f in dataclasses.fields(Posting))
    check_values(result)  # what the strategies make is what the pipeline may make
    assert decode_result(encode_result(result)) == result
    assert decode_result(encode_result(result), trusted=True) == result


@settings(max_examples=150, deadline=None)
@given(values_of(Result, every_field=False))
def test_any_result_comes_back_exactly(result: Result) -> None:
    assert decode_result(encode_result(result)) == result


def test_every_checked_kind_the_model_names_is_checked_and_made_by_the_tests() -> None:
    assert set(KIND_VALUES) == set(KINDS)


def test_the_model_value_lists_are_the_ones_the_readers_give() -> None:
    assert set(EMPLOYMENT_LABELS) == set(EMPLOYMENT_TYPES)
    assert set(SALARY_SPELLINGS.values()) == set(SALARY_UNITS)


@pytest.mark.parametrize(
    "entry",
    [
        b"",
        b"[]",
        b'{"posting": null, "diagnostics": [], "lines": {"title": "two"}}',
        b'{"posting": null, "diagnostics": [{"path": "a", "line": 1, "level": "loud", "message": "m"}]}',
    ],
)
def test_what_the_encoder_never_writes_is_refused(entry: bytes) -> None:
    with pytest.raises(ValueError):
        decode_result(entry)


def test_a_result_json_cannot_give_back_exactly_is_not_stored() -> None:
    salary = Salary("USD", math.inf, None, "YEAR", "lots")  # JSON has no infinity: it would come back null
    with pytest.raises(ValueError):
        encode_result(Result(Posting("a.md", "a", "A", (), "", salary=salary), ()))
