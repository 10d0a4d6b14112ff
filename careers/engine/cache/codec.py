"""A processed posting (``Result``) as stored bytes and back, derived from the model's own types.

msgspec encodes the model's dataclasses as JSON objects, field by field, and decodes them
against the same type hints: every field's type is checked (text, numbers, dates, the
model's ``Literal`` values), a missing field is refused (one the model lacks is ignored),
and nothing is written by hand, so a field added to the model is stored with no change
here. What a type cannot say is said in the model with ``Checked`` (a slug, the sanitizer's
markup, a link, a choice of values); unless the bytes are vouched for (the store takes only
entries this user's runs signed), every such value is checked too (``check_values``).
Anything the pipeline would never have made raises ``ValueError``, which the store takes as
a miss: the posting is processed again. Plain JSON: no pickle.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any

import msgspec

from careers.model import Checked, Result
from careers.posting.fields import read_url
from careers.posting.html import sanitize
from careers.slugs import is_slug

_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Result)
Check = Callable[[Any], bool]


def encode_result(result: Result) -> bytes:
    """``result`` as JSON bytes; ``ValueError`` if it holds what JSON cannot give back exactly
    (an infinite amount, an integer past 64 bits): such a result is not kept."""
    try:
        data = _ENCODER.encode(result)
    except (TypeError, OverflowError, msgspec.EncodeError) as exc:
        raise ValueError(f"cannot be stored: {exc}") from None
    if _DECODER.decode(data) != result:
        raise ValueError("cannot be stored exactly (a value JSON has no form for)")
    return data


def decode_result(data: bytes, trusted: bool = False) -> Result:
    """A result from ``encode_result``'s bytes; unless ``trusted`` (signed by this user's own
    run), every ``Checked`` value is checked as well as every type."""
    try:
        result = _DECODER.decode(data)
    except msgspec.MsgspecError as exc:
        raise ValueError(str(exc)) from None
    if not trusted:
        check_values(result)
    return result


def check_values(value: object) -> None:
    """Raise ``ValueError`` for any ``Checked`` value in ``value`` that is not what it says."""
    cls: type = type(value)
    for name, check in _checks(cls):
        field = getattr(value, name)
        if field is not None and not check(field):
            raise ValueError(f"{type(value).__name__}.{name} holds what the pipeline never makes: {field!r}")


KINDS: dict[str, Check] = {
    "slug": lambda v: is_slug(v),
    "html": lambda v: sanitize(v) == v,
    "url": lambda v: _is_url(v),
    "amount": lambda v: math.isfinite(v),
    "months": lambda v: v >= 0,
}


def _is_url(value: str) -> bool:
    try:
        return read_url(value) == value
    except ValueError:
        return False


@cache
def _checks(cls: type) -> tuple[tuple[str, Check], ...]:
    """For each field of the dataclass ``cls`` that holds a ``Checked`` value (or a dataclass
    that does), the check of its value; worked out once per class from its type hints."""
    if not dataclasses.is_dataclass(cls):
        return ()
    hints = typing.get_type_hints(cls, include_extras=True)
    found = []
    for field in dataclasses.fields(cls):
        check = _check_of(hints[field.name])
        if check is not None:
            found.append((field.name, check))
    return tuple(found)


def _check_of(hint: Any) -> Check | None:
    """The check a value of type ``hint`` needs, or ``None`` if its type says it all."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        marks = [m for m in hint.__metadata__ if isinstance(m, Checked)]
        return _check_mark(marks[0]) if marks else _check_of(args[0])
    if origin in (typing.Union, types.UnionType):
        inner = [c for c in (_check_of(a) for a in args if a is not type(None)) if c is not None]
        return inner[0] if len(inner) == 1 else _any_of(inner) if inner else None
    if origin is tuple or origin is list:
        items = [c for c in (_check_of(a) for a in args if a is not Ellipsis) if c is not None]
        return (
            _each(items[0])
            if len(items) == 1 and (Ellipsis in args or len(args) == 1)
            else (_row(args) if items else None)
        )
    if origin is dict:
        value = _check_of(args[1])
        return None if value is None else (lambda d: all(value(v) for v in d.values()))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and _checks(hint):
        return _nested
    return None


def _check_mark(mark: Checked) -> Check:
    if mark.kind == "choice":
        choices = frozenset(mark.choices)
        return lambda v: v in choices
    return KINDS[mark.kind]  # a kind the model names and this module does not know: a KeyError at import


def _nested(value: object) -> bool:
    check_values(value)
    return True


def _each(check: Check) -> Check:
    return lambda items: all(item is None or check(item) for item in items)


def _any_of(checks: list[Check]) -> Check:
    def check(value: object) -> bool:
        for one in checks:
            try:
                if one(value):
                    return True
            except (TypeError, AttributeError):
                continue
        return False

    return check


def _row(args: tuple[Any, ...]) -> Check:
    checks = [_check_of(a) for a in args]
    return lambda row: all(c is None or item is None or c(item) for c, item in zip(checks, row, strict=True))


_checks(Result)  # every Checked kind the model names is known here (a KeyError otherwise)
