"""Input that once ended a build with an internal error, or published what it should not: each
is now the file's (or the setting's) error with its place, or read as well as it can be; the
rest of the site is built, and nothing in ``content/`` changes.

Codecs that are not text encodings, lone surrogates from JSON escapes, JSON-LD nested a
thousand deep or holding 400-digit numbers, a salary of hundreds of digits, YAML aliases that
expand exponentially ("billion laughs"), ``[clean]`` selectors soupsieve refuses only when
used, templates that raise while rendering, and a mistyped ``draft``.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from careers.shell.cli import main

from .test_broken_input import Scenario, build, content_digest, published, write

NOT_TEXT = ["base64", "rot13", "hex", "zlib", "uu", "quopri", "undefined", "unicode_escape",
            "raw_unicode_escape", "utf-7"]  # fmt: skip


def declared(codec: str) -> bytes:
    return f'<meta charset="{codec}"><h1>Café manager</h1><p>Crème \\ud83d +2D0-</p>'.encode("latin-1")


def saved_page(posting: dict[str, object] | str) -> str:
    """A saved job page whose JSON-LD is ``posting`` (a dict, or JSON text as written)."""
    data = posting if isinstance(posting, str) else json.dumps(posting)
    return (
        '<!doctype html><html><head><script type="application/ld+json">'
        + data
        + "</script></head><body><main><h1>Night porter</h1><p>Keep the lobby safe and tidy at night, "
        "and greet late guests.</p></main></body></html>"
    )


HALF = "\\ud83d"  # a JSON escape of half an emoji
JOB = {"@context": "https://schema.org", "@type": "JobPosting"}


def laughs(key: str, inside: str = "{}") -> str:
    """Front matter whose ``key`` holds, through nine anchors of nine aliases each, 9**9 strings
    (387 million) once expanded; ``inside`` wraps the expanding value ("{min: 1, unit: {}}")."""
    anchors = ["&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    anchors += [f"&a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    value = (
        inside.replace("{}", f"[{', '.join(anchors)}]", 1) if inside != "{}" else f"[{', '.join(anchors)}]"
    )
    return f"---\ntitle: Laughs\n{key}: {value}\n---\nBody.\n"


SCENARIOS = [
    *(
        Scenario(
            f"codec-{codec}",
            write("codec.html", declared(codec)),
            rf"content/jobs/codec\.html:1: error: file declares the encoding '{codec}', which no page is "
            r"written in, and is not UTF-8: save it as UTF-8",
        )
        for codec in NOT_TEXT
    ),
    Scenario(
        "laughs-under-date",
        write("laughs.md", laughs("date")),
        r"content/jobs/laughs\.md:3: error: front matter 'date' holds more than 10,000 values once its "
        r"aliases \(\*name\) are expanded: write the values out",
    ),
    Scenario(
        "laughs-under-salary-unit",
        write("laughs.md", laughs("salary", "{min: 1, unit: {}}")),
        r"content/jobs/laughs\.md:3: error: front matter 'salary' holds more than 10,000 values",
    ),
    Scenario(
        "laughs-under-valid-through",
        write("laughs.md", laughs("valid_through")),
        r"content/jobs/laughs\.md:3: error: front matter 'valid_through' holds more than 10,000 values",
    ),
    Scenario(
        "alias-a-little",  # within the bound: the message quotes the value, cut short
        write(
            "little.md",
            "---\ntitle: Little\ndate: [&l [a, b, c, d, e, f], *l, *l, *l, *l, *l]\n---\nB.\n",
        ),
        r"content/jobs/little\.md:3: error: front matter 'date' must be a date written YYYY-MM-DD, not "
        r"\[(\['a', 'b', 'c', 'd', \.\.\.\], ){4}\.\.\.\]$",
    ),
    *(
        Scenario(
            f"draft-typo-{key}",
            write("secret.md", f"---\ntitle: Secret plans\n{key}: true\n---\nNot yet.\n"),
            rf"content/jobs/secret\.md:3: error: front matter key '{key}' is not 'draft' \(write it in lower "
            r"case, singular\): the posting is kept out until it is",
        )
        for key in ("Draft", "drafts", "DRAFT", "draf", "darft")
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_hostile_file_gets_one_clear_line(
    tiny: Path, capsys: pytest.CaptureFixture[str], scenario: Scenario
) -> None:
    jobs = tiny / "content" / "jobs"
    scenario.setup(jobs)
    before = content_digest(tiny / "content")
    started = time.perf_counter()
    code, err = build(tiny, capsys)
    assert time.perf_counter() - started < 60  # billion laughs took minutes and gigabytes
    assert "Traceback" not in err and "internal error" not in err, err
    matching = [line for line in err.splitlines() if re.match(scenario.line, line)]
    assert len(matching) == 1, err
    assert code == scenario.code, err
    assert published(tiny) == ["content/jobs/good.md"]  # a mistyped draft is never published
    assert content_digest(tiny / "content") == before


def test_a_draft_spelled_right_is_left_out_quietly(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "content" / "jobs" / "secret.md").write_text("---\ntitle: Secret\ndraft: true\n---\nNot yet.\n")
    assert build(tiny, capsys) == (0, "")
    assert published(tiny) == ["content/jobs/good.md"]


SURROGATE_FIELDS = {
    "title": {"title": f"Night porter {HALF}"},
    "organization": {"hiringOrganization": {"@type": "Organization", "name": f"Acme {HALF}"}},
    "locality": {"jobLocation": {"address": {"addressLocality": f"Leeds {HALF}", "addressCountry": "GB"}}},
    "identifier": {"identifier": {"value": f"REF-{HALF}"}},
    "date": {"datePosted": f"2024-01-0{HALF}"},
    "description": {"description": f"<p>Keep the lobby safe {HALF} at night, and greet late guests.</p>"},
}


@pytest.mark.parametrize("field", SURROGATE_FIELDS, ids=str)
def test_a_lone_surrogate_in_json_ld_never_passes_the_reader(
    tiny: Path, capsys: pytest.CaptureFixture[str], field: str
) -> None:
    text = json.dumps({**JOB, "title": "Night porter", **SURROGATE_FIELDS[field]}).replace("\\\\ud83d", HALF)
    assert HALF in text
    (tiny / "content" / "jobs" / "page.html").write_text(saved_page(text))
    code, err = build(tiny, capsys)
    assert code in (0, 1) and "internal error" not in err and "templates/" not in err, err
    assert "content/jobs/page.html" in published(tiny)
    for path in (tiny / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            path.read_bytes().decode("utf-8")  # UTF-8 cannot hold a lone surrogate: it would fail


def strict_json(text: str) -> object:
    """JSON as a JSON reader other than Python's reads it: no NaN or Infinity."""
    return json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))


def json_ld_of(page: Path) -> list[object]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.S)
    return [strict_json(text) for text in found]


@pytest.mark.parametrize(
    "data",
    [
        pytest.param("[" * 1_000 + "]" * 1_000, id="nested-1000"),
        pytest.param('{"a":' * 1_000 + "1" + "}" * 1_000, id="objects-1000"),
        pytest.param(json.dumps([{**JOB, "title": "Night porter", "x": [[[[1]]]]}]), id="nested-a-little"),
        pytest.param(
            json.dumps({**JOB, "title": "Night porter", "baseSalary": {"currency": "USD", "value": {
                "minValue": int("9" * 400), "maxValue": 2e300, "unitText": "YEAR"}}}).replace("+300", "400"),
            id="400-digits",
        ),
    ],
)  # fmt: skip
def test_json_ld_nested_deep_or_holding_huge_numbers(
    tiny: Path, capsys: pytest.CaptureFixture[str], data: str
) -> None:
    (tiny / "content" / "jobs" / "page.html").write_text(saved_page(data))
    code, err = build(tiny, capsys)
    assert code in (0, 1) and "internal error" not in err, err
    assert "content/jobs/page.html" in published(tiny)
    page = tiny / "site" / "jobs" / "night-porter" / "index.html"
    assert json_ld_of(page)
    strict_json((tiny / "site" / "jobs.json").read_text())


def test_a_salary_of_hundreds_of_digits_is_no_amount_cached_or_cold(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "---\ntitle: Welder\n---\nWeld steel frames.\n\nSalary: $" + "9" * 400 + " per year\n"
    (tiny / "content" / "jobs" / "welder.md").write_text(body)
    assert build(tiny, capsys)[0] in (0, 1)
    cold = tiny / "cold"
    assert main(["-C", str(tiny), "build", "--no-cache", "--output", "cold"]) in (0, 1)
    assert build(tiny, capsys)[0] in (0, 1)  # from the cache
    for site in (tiny / "site", cold):
        page = site / "jobs" / "welder" / "index.html"
        for data in json_ld_of(page):
            assert "baseSalary" not in json.dumps(data)
        records = strict_json((site / "jobs.json").read_text())
        assert isinstance(records, list)
    assert (tiny / "site" / "jobs.json").read_bytes() == (cold / "jobs.json").read_bytes()


@pytest.mark.parametrize(
    "toml, problem",
    [
        ('drop = [""]', r"'clean\.drop': '' is not a CSS selector: Expected a selector at position 0"),
        ('drop = ["p::before"]', r"'clean\.drop': 'p::before' is not a CSS selector: Pseudo-element found"),
        ('description = "::selection"', r"'clean\.description': '::selection' is not a CSS selector: "),
        ('drop = [":has()"]', r"'clean\.drop': ':has\(\)' is not a CSS selector: Expected a selector"),
        ('drop = ["p:first-line"]', r"'clean\.drop': 'p:first-line' is not a CSS selector: "),
    ],
    ids=["empty", "pseudo-element", "description-pseudo-element", "empty-has", "first-line"],
)
def test_a_clean_selector_soupsieve_refuses_is_a_config_error_at_load(
    tiny: Path, capsys: pytest.CaptureFixture[str], toml: str, problem: str
) -> None:
    (tiny / "careers.toml").write_text(f'title = "Tiny"\n[clean]\n{toml}\n')
    for command in ("build", "check"):
        assert main(["-C", str(tiny), command]) == 2
        said = capsys.readouterr()
        assert re.match(rf"careers\.toml: error: {problem}", said.err), said.err
        assert "internal error" not in said.err
    assert not (tiny / "site").exists()


def test_a_clean_selector_soupsieve_warns_about_still_works(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tiny / "careers.toml").write_text('title = "Tiny"\n[clean]\ndrop = ["p:contains(Share)"]\n')
    (tiny / "content" / "jobs" / "share.html").write_text(
        "<h1>Porter</h1><p>Carry bags.</p><p>Share this</p>"
    )
    assert build(tiny, capsys) == (0, "")


@pytest.mark.parametrize(
    "template, text, line, said",
    [
        ("index.html", "{% extends 'base.html' %}\n{% block main %}\n{{ 1 / 0 }}\n{% endblock %}\n", 3,
         "ZeroDivisionError: division by zero"),
        ("index.html", "{% extends 'base.html' %}\n{% block main %}{{ {}['x'] }}{% endblock %}\n", 2,
         "'dict object' has no attribute 'x'"),
        ("posting.html", "{% extends 'base.html' %}\n{% block main %}\n\n{{ [][1] }}{% endblock %}\n", 4,
         "list object has no element 1"),
        ("_card.html", "{% macro card(posting, url, heading) %}{{ 1 // 0 }}{% endmacro %}\n", 1,
         "ZeroDivisionError: integer division or modulo by zero"),
        ("_card.html", "{% set x = 1 / 0 %}{% macro card(posting, url, heading) %}x{% endmacro %}\n", 1,
         "ZeroDivisionError: division by zero"),
    ],
    ids=["division", "key", "index", "card-macro", "card-module"],
)  # fmt: skip
def test_a_template_that_raises_is_a_template_error_at_its_line(
    tiny: Path, capsys: pytest.CaptureFixture[str], template: str, text: str, line: int, said: str
) -> None:
    assert build(tiny, capsys)[0] == 0
    before = content_digest(tiny / "site")
    (tiny / "templates" / template).write_text(text)
    code, err = build(tiny, capsys)
    assert code == 2, err
    assert err == f"templates/{template}:{line}: error: while rendering: {said}\n"
    assert content_digest(tiny / "site") == before  # the last good site stays


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_postings_folder_linked_outside_the_content_folder_is_refused(
    tiny: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """The link policy holds for the folder itself: one link would publish a folder from anywhere."""
    outside = tiny.parent / "private"
    outside.mkdir()
    (outside / "secret.md").write_text("---\ntitle: Secret plans\n---\nNot for publishing.\n")
    jobs = tiny / "content" / "jobs"
    (tiny / "content" / "kept").mkdir()
    jobs.rename(tiny / "content" / "kept" / "jobs")
    jobs.symlink_to(outside)
    assert main(["-C", str(tiny), command]) == 1
    out = capsys.readouterr()
    assert (
        "content/jobs: error: the postings folder is a symbolic link to "
        f"'{outside}', outside content/: nothing in it is published" in out.out + out.err
    )
    assert "secret" not in (tiny / "site" / "jobs.json").read_text() if command == "build" else True


def test_a_postings_folder_linked_inside_the_content_folder_is_read(
    tiny: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tiny / "content"
    (content / "jobs").rename(content / "postings")
    (content / "jobs").symlink_to("postings")
    assert build(tiny, capsys) == (0, "")
    assert published(tiny) == ["content/jobs/good.md"]


@pytest.mark.parametrize(
    "front, line, said",
    [
        ("title: [Driver\nlocation: Boston", 2, "a '[' opened here is never closed (expected ',' or ']'"),
        ('title: "Driver\nlocation: Boston', 2, "a quote opened here is never closed"),
        ("title: Driver\ncompany: {name: Acme\nlocation: Boston", 3, "a '{' opened here is never closed"),
        ("title: Driver\nlocation: Boston\n- item", 4, "expected <block end>, but found '-'"),
        ("title: Driver\nlocation: Boston: MA", 3, "mapping values are not allowed here"),
        (
            "title: Driver\n\nlocation: Boston\ncompany: @acme",
            5,
            "found character '@' that cannot start any token",
        ),
    ],
    ids=["flow-sequence", "quote", "flow-mapping", "stray-item", "colon", "after-a-blank-line"],
)
def test_a_yaml_error_points_at_the_line_to_fix(
    tiny: Path, capsys: pytest.CaptureFixture[str], front: str, line: int, said: str
) -> None:
    """An unclosed quote or bracket was reported where YAML gave up (the closing '---'), not
    where it opened."""
    (tiny / "content" / "jobs" / "yaml.md").write_text(f"---\n{front}\n---\nBody text.\n")
    code, err = build(tiny, capsys)
    assert code == 1
    assert f"content/jobs/yaml.md:{line}: error: front matter is not valid YAML: {said}" in err, err


@pytest.mark.parametrize("target", ["keep.txt", "missing.txt"])
def test_the_lock_is_never_opened_through_a_link(
    tiny: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """A lock planted as a link (a restored cache) once truncated its target, or made it."""
    outside = tiny.parent / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("must stay as it is\n")
    (tiny / ".cache").mkdir()
    (tiny / ".cache" / "lock").symlink_to(outside / target)
    assert build(tiny, capsys)[0] == 0
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]
    assert (outside / "keep.txt").read_text() == "must stay as it is\n"


@pytest.mark.parametrize("template", ["_card.html", "index.html", "posting.html"])
@pytest.mark.parametrize(
    "unknown", ["{{ x|nofilter }}", "{% if x is notatest %}{% endif %}"], ids=["filter", "test"]
)
def test_an_unknown_filter_or_test_is_a_template_error_at_its_line(
    tiny: Path, capsys: pytest.CaptureFixture[str], template: str, unknown: str
) -> None:
    """Compiling a template fails on a filter or test Jinja does not know, wherever the template
    is first compiled (the card was compiled to see what it reads: an internal error, found by
    the hostile fuzzer's seed 9053)."""
    assert build(tiny, capsys)[0] == 0
    before = content_digest(tiny / "site")
    path = tiny / "templates" / template
    path.write_text(unknown + "\n" + path.read_text())
    code, err = build(tiny, capsys)
    assert code == 2 and "internal error" not in err, err
    assert err.startswith(f"templates/{template}:1: error: "), err
    assert "nofilter" in err or "notatest" in err
    assert content_digest(tiny / "site") == before
