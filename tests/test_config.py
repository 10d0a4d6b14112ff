"""careers.toml: defaults, types, and every problem reported at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from careers.config import load_config
from careers.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config.title == "Careers" and config.output_path == tmp_path / "site"
    assert config.base_path == "/"


def test_unknown_keys_get_a_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text('titel = "Jobs"\nbase_ulr = "https://x.example/"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.problems == [
        "unknown key 'titel' (did you mean 'title'?)",
        "unknown key 'base_ulr' (did you mean 'base_url'?)",
    ]


def test_wrong_types_and_bad_values_are_all_reported(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text('title = 5\nbase_url = "ftp://x"\nmax_file_mb = 0\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert len(info.value.problems) == 3
    assert "careers.toml: error: 'title' must be a str" in str(info.value)


def test_broken_toml_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text('title = "unclosed\n')
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path)


def test_overrides_win_and_sub_path_is_kept(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text('base_url = "https://a.example/"\n')
    config = load_config(tmp_path, {"base_url": "https://acme.github.io/careers", "output_dir": None})
    assert config.base_path == "/careers/"


@pytest.mark.parametrize(
    ("toml", "problem"),
    [
        ('base_url = "http://[::1"', "'base_url' is not a URL that can be read: 'http://[::1'"),
        ('apply_url = "https://jobs.example:99999/"', "'apply_url' is not a URL that can be read"),
        ('company_url = "https://[acme"', "'company_url' is not a URL that can be read"),
        ("max_file_mb = nan", "'max_file_mb' must be a number of megabytes above 0, at most 1,000, not nan"),
        ("max_file_mb = inf", "'max_file_mb' must be a number of megabytes above 0, at most 1,000, not inf"),
        (
            "max_file_mb = 1e300",
            "'max_file_mb' must be a number of megabytes above 0, at most 1,000, not 1e+300",
        ),
        (
            'employment_type = "gig"',
            "'employment_type': unknown employment type 'gig' (use one of: Contract,",
        ),
        ('theme_dir = "theme"', "'theme_dir' is 'theme', which is not a folder: create it or remove the key"),
        (
            'logo = "static/logo.png"',
            "'logo' is 'static/logo.png', but there is no logo.png in templates/static/",
        ),
        ('logo = "logo.png"', "'logo' must be a file in static/ like 'static/logo.svg' or an http(s) URL"),
        ('logo = "static/../careers.toml"', "'logo' must be a file in static/ like 'static/logo.svg'"),
        ('logo = "ftp://cdn.example/logo.png"', "'logo' must be a file in static/ like 'static/logo.svg'"),
        ("employer = 40", "'employer' must be a table ([employer]), not int (40)"),
        (
            "employer = { employees = -1 }",
            "'employer.employees' must be a number of people, like 120, not -1",
        ),
        ("employer = { employees = 1.5 }", "'employer.employees' must be a number of people"),
        ("employer = { staff = 4 }", "unknown key 'employer.staff'"),
        (
            "employer = { employees_in = { Colorado = 3 } }",
            "'employer.employees_in' names 'Colorado': write a state",
        ),
        (
            "employer = { employees_in = { CO = true } }",
            "'employer.employees_in.CO' must be a number of people",
        ),
        ("max_age_days = -1", "'max_age_days' must be a number of days up to 3650"),
        ("pay_transparency = 1", "'pay_transparency' must be a bool"),
        (
            'title = "Jobs\\u0007"',
            "'title' holds a control character (\\x07) that no web page or feed may hold",
        ),
    ],
    ids=lambda v: v if v.count("=") == 1 and len(v) < 40 else "",
)
def test_values_that_would_break_the_build_are_config_errors(tmp_path: Path, toml: str, problem: str) -> None:
    (tmp_path / "careers.toml").write_text(toml + "\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith(problem), info.value.problems


def test_a_logo_and_theme_that_are_there_are_fine(tmp_path: Path) -> None:
    (tmp_path / "theme" / "static" / "brand").mkdir(parents=True)
    (tmp_path / "theme" / "static" / "brand" / "logo.svg").write_text("<svg/>")
    (tmp_path / "templates" / "static").mkdir(parents=True)
    (tmp_path / "templates" / "static" / "mark.png").write_bytes(b"\x89PNG")
    for logo in ("static/brand/logo.svg", "static/mark.png", "https://cdn.example/logo.png"):
        (tmp_path / "careers.toml").write_text(
            f'theme_dir = "theme"\nlogo = "{logo}"\nemployment_type = "Full time"\n'
        )
        assert load_config(tmp_path).logo == logo


def test_every_broken_value_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text(
        'base_url = "http://[::1"\nmax_file_mb = nan\nemployment_type = "gig"\n'
        'theme_dir = "theme"\nlogo = "static/logo.png"\n'
    )
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert [p.split(" ")[0] for p in info.value.problems] == [
        "'base_url'",
        "'max_file_mb'",
        "'employment_type':",
        "'theme_dir'",
        "'logo'",
    ]
    assert "theme/static/" not in info.value.problems[-1]  # the theme that is not there is not looked in


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("introduction", "intro"), ("titel", "title"), ("accent", "accent_color"), ("base-url", "base_url")],
)
def test_did_you_mean_goes_by_prefix_before_spelling(tmp_path: Path, typed: str, meant: str) -> None:
    (tmp_path / "careers.toml").write_text(f'{typed} = "x"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert f"unknown key '{typed}' (did you mean '{meant}'?)" in str(info.value)


def test_the_employers_headcount_is_read_per_place(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text(
        "[employer]\nemployees = 45\nemployees_in = { ma = 22, NYC = 3 }\n"
    )
    employer = load_config(tmp_path).employer
    assert (
        employer.employees,
        employer.count_in("MA"),
        employer.count_in("nyc"),
        employer.count_in("CO"),
    ) == (
        45,
        22,
        3,
        0,  # a place left out, once any is named, has no one there
    )
    assert load_config(Path(tmp_path / "none")).employer.count_in("CO") is None  # nothing stated: unknown
