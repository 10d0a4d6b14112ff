"""Theme settings: accent colours with guaranteed contrast, and a theme folder that overrides templates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from careers.config import load_config
from careers.engine import build
from careers.errors import ConfigError, TemplateError
from careers.pages.theme import DARK_SURFACES, LIGHT_SURFACES, contrast, parse_hex, readable_on, theme_css

from .conftest import ROOT


def test_contrast_matches_wcag_examples() -> None:
    assert contrast(parse_hex("#000"), parse_hex("#fff")) == pytest.approx(21)
    assert contrast(parse_hex("#767676"), parse_hex("#ffffff")) == pytest.approx(4.54, abs=0.01)


def test_a_readable_accent_is_kept_as_given() -> None:
    assert readable_on("#0b5cad", LIGHT_SURFACES) == "#0b5cad"


@pytest.mark.parametrize("color", ["#ffcc00", "#7fdbff", "#e91e63", "#fff"])
def test_a_pale_accent_is_darkened_just_enough_for_light_surfaces(color: str) -> None:
    fixed = readable_on(color, LIGHT_SURFACES)
    worst = min(contrast(parse_hex(fixed), parse_hex(bg)) for bg in LIGHT_SURFACES)
    assert 4.5 <= worst < 5.2


@pytest.mark.parametrize("color", ["#0b5cad", "#000", "#8b0000"])
def test_a_dark_accent_is_lightened_for_the_dark_theme(color: str) -> None:
    fixed = readable_on(color, DARK_SURFACES)
    assert min(contrast(parse_hex(fixed), parse_hex(bg)) for bg in DARK_SURFACES) >= 4.5


def test_surfaces_match_the_stylesheet() -> None:
    css = (ROOT / "templates" / "static" / "style.css").read_text()
    light, dark = css.split("@media (prefers-color-scheme: dark)", 1)
    for block, surfaces in ((light, LIGHT_SURFACES), (dark.split("}", 1)[0], DARK_SURFACES)):
        found = tuple(re.search(rf"--{name}: (#[0-9a-f]+)", block).group(1) for name in ("bg", "surface"))  # type: ignore[union-attr]
        assert found == surfaces


def test_theme_css_sets_both_schemes(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text('accent_color = "#ffcc00"\n')
    css = theme_css(load_config(tmp_path))
    light, dark = css.split("@media")
    assert "--accent:#" in light and "--accent-fg:#ffffff" in light
    assert "(prefers-color-scheme:dark)" in dark and "--accent-fg:#0f1216" in dark
    assert theme_css(load_config(tmp_path, {"accent_color": ""})) == ""


def test_bad_colours_are_config_errors(tmp_path: Path) -> None:
    (tmp_path / "careers.toml").write_text('accent_color = "blue"\naccent_color_dark = "#12345"\n')
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.problems == [
        "'accent_color' must be a hex colour like '#0b5cad' or '#07c', not 'blue'",
        "'accent_color_dark' must be a hex colour like '#0b5cad' or '#07c', not '#12345'",
    ]


@pytest.fixture
def themed(project: Path) -> Path:
    theme = project / "mytheme"
    (theme / "static").mkdir(parents=True)
    (theme / "static" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (theme / "static" / "extra.css").write_text("body { color: red; }")
    (theme / "index.html").write_text(
        '{% extends "base.html" %}{% block main %}<h1>Work with us</h1>{% endblock %}'
    )
    with (project / "careers.toml").open("a") as f:
        f.write('theme_dir = "mytheme"\nlogo = "static/logo.svg"\naccent_color = "#c2185b"\n')
    return project


def test_theme_dir_overrides_templates_and_static_files(themed: Path) -> None:
    build(load_config(themed))
    site = themed / "site"
    index = (site / "index.html").read_text()
    assert "<h1>Work with us</h1>" in index and 'id="filters"' not in index
    assert '<img class="logo" src="static/logo.svg"' in index
    assert "<style>:root{--accent:#c2185b;" in index
    posting = (site / "jobs" / "senior-data-engineer" / "index.html").read_text()
    assert "Apply now" in posting and 'src="../../static/logo.svg"' in posting
    assert len(list((site / "static").glob("extra.*.css"))) == 1
    assert len(list((site / "static").glob("filters.*.js"))) == 1
    (style,) = (site / "static").glob("style.*.css")
    assert style.read_bytes() == (ROOT / "templates/static/style.css").read_bytes()


def test_a_theme_file_replaces_the_builtin_static_file(themed: Path) -> None:
    (themed / "mytheme" / "static" / "style.css").write_text("/* mine */")
    build(load_config(themed))
    (style,) = (themed / "site" / "static").glob("style.*.css")
    assert style.read_text() == "/* mine */"


def test_an_error_in_a_theme_template_names_the_theme_file(themed: Path) -> None:
    (themed / "mytheme" / "skill.html").write_text(
        '{% extends "base.html" %}\n{% block main %}{{ nope }}{% endblock %}'
    )
    with pytest.raises(TemplateError) as info:
        build(load_config(themed))
    assert str(info.value).startswith("mytheme/skill.html:2:")


def test_a_theme_base_can_extend_the_builtin_one(themed: Path) -> None:
    (themed / "mytheme" / "index.html").unlink()
    (themed / "mytheme" / "static" / "brand.css").write_text("h1 { letter-spacing: 0; }")
    (themed / "mytheme" / "base.html").write_text(
        '{% extends "default/base.html" %}\n'
        '{% block head %}<link rel="stylesheet" href="{{ asset(\'brand.css\') }}">{% endblock %}\n'
    )
    build(load_config(themed))
    for page in ("index.html", "jobs/senior-data-engineer/index.html", "skills/index.html"):
        html = (themed / "site" / page).read_text()
        assert re.search(r'static/brand\.\w+\.css">', html) and 'class="skip-link"' in html, page
    assert 'id="filters"' in (themed / "site" / "index.html").read_text()


def test_a_theme_can_replace_the_card_alone(themed: Path) -> None:
    (themed / "mytheme" / "index.html").unlink()
    (themed / "mytheme" / "_card.html").write_text(
        "{% macro card(posting, url, heading='h2') -%}\n"
        '<li class="my-card">'
        "<a href=\"{{ url('jobs/' ~ posting.slug ~ '/') }}\">{{ posting.title }}</a></li>\n"
        "{%- endmacro %}\n"
    )
    build(load_config(themed))
    for page in ("index.html", "skills/salesforce/index.html", "departments/sales/index.html"):
        html = (themed / "site" / page).read_text()
        assert 'class="my-card"' in html and 'class="card"' not in html, page
    posting = (themed / "site" / "jobs" / "senior-data-engineer" / "index.html").read_text()
    assert "<h1>Senior Data Engineer</h1>" in posting  # the rest of the theme is the built-in one
