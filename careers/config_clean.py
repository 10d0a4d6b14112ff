"""``[clean]`` in careers.toml: a site's own cleaning rules, read and their selectors checked."""

from __future__ import annotations

from typing import Any, NamedTuple

from careers.errors import shown, unknown_key


class CleanRules(NamedTuple):
    """The site's own cleaning rules, ``[clean]`` in careers.toml: CSS selectors.

    ``drop``: elements to remove from every posting (a board's share buttons, similar jobs);
    ``description``: the element that holds a posting's text on a saved page. A tuple of
    plain values, so the cache's fingerprint of the config serialises it as it does the rest.
    """

    drop: tuple[str, ...] = ()
    description: str = ""


_CLEAN_KEYS = CleanRules._fields


def read_clean_rules(value: Any) -> tuple[CleanRules | None, list[str]]:
    """``[clean]`` read and its selectors compiled, so a typo is reported before any build."""
    if isinstance(value, CleanRules):
        return value, []
    if not isinstance(value, dict):
        return None, [f"'clean' must be a table ([clean]), not {type(value).__name__} ({value!r})"]
    problems = [
        unknown_key(f"clean.{key}", (f"clean.{k}" for k in _CLEAN_KEYS))
        for key in value
        if key not in _CLEAN_KEYS
    ]
    drop = value.get("drop", [])
    if isinstance(drop, str):
        drop = [drop]
    if not isinstance(drop, list) or not all(isinstance(s, str) for s in drop):
        problems.append(f"'clean.drop' must be a list of CSS selectors, not {drop!r}")
        drop = []
    description = value.get("description", "")
    if not isinstance(description, str):
        problems.append(f"'clean.description' must be a CSS selector (a str), not {description!r}")
        description = ""
    for key, selector in [*(("clean.drop", s) for s in drop), ("clean.description", description)]:
        if key == "clean.description" and not selector:
            continue  # no description element named: the reader looks for one
        problem = _selector_problem(selector)
        if problem:
            problems.append(f"'{key}': {shown(selector)} is not a CSS selector: {problem}")
    return (None if problems else CleanRules(tuple(drop), description)), problems


def _selector_problem(selector: str) -> str | None:
    """Why soupsieve cannot select with ``selector`` (tried on a small page, as a build would:
    some selectors are refused only when used), or None."""
    import warnings

    import soupsieve  # only a site with [clean] rules needs it to load its settings
    from bs4 import BeautifulSoup

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ":contains" works, with a FutureWarning
            soupsieve.compile(selector).select(BeautifulSoup("<div><p>text</p></div>", "lxml"))
    except soupsieve.SelectorSyntaxError as exc:
        return str(exc).splitlines()[0]
    except NotImplementedError as exc:  # pseudo-elements ("p::before") and the like
        return f"{exc} (soupsieve does not support it)"
    except (ValueError, TypeError, RecursionError) as exc:
        return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return None
