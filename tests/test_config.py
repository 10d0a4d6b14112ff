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
