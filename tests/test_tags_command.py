"""``build.py tags``: every tag with the phrase behind it, as text and as JSON; and the page."""

from __future__ import annotations

import json
from pathlib import Path

from .test_build import run


def test_tags_lists_every_tag_with_its_phrase(project: Path) -> None:
    result = run(project, "tags")
    assert result.returncode == 0, result.stderr
    block = result.stdout.split("content/jobs/000_f2c0b775a53e4e23.html: Account Manager\n")[1].split("\n\n")[
        0
    ]
    assert "level       associate" in block and "← 36 months of experience" in block
    assert "experience  36+ months, required" in block
    assert '← "Minimum of 3 years experience selling IT solutions' in block
    assert "education   bachelor, required" in block
    assert "skill       Cold Calling, required       ← 'cold calling' in \"Prospecting - identifying" in block
    assert "Computer Networking" not in block
    assert not (project / "site").exists()


def test_tags_json_is_for_tools(project: Path) -> None:
    result = run(project, "tags", "--json")
    assert result.returncode == 0, result.stderr
    records = {r["source"]: r for r in json.loads(result.stdout)}
    seeds = sorted(p for p in records if p.split("/")[-1][:3].isdigit())
    assert [records[p]["experience"]["level"] for p in seeds] == [
        "associate", "entry", "associate", "associate", "associate",
    ]  # fmt: skip
    eam = records["content/jobs/004_aafd6c70d35ae0c0.html"]
    word = next(s for s in eam["skills"] if s["name"] == "Microsoft Word")
    assert word == {
        "name": "Microsoft Word",
        "slug": "microsoft-word",
        "category": "Office & productivity",
        "required": False,
        "term": "Microsoft Word",
        "phrase": "Proficient with Microsoft Word, Excel, PowerPoint and Outlook",
        "reason": "named in 'How you will stand out from the crowd'",
    }


def test_tags_reports_a_broken_site_vocabulary(project: Path) -> None:
    (project / "content" / "skills.toml").write_text('suppress = ["Nope"]\n', encoding="utf-8")
    result = run(project, "tags")
    assert result.returncode == 2
    assert "content/skills.toml:1: error: suppress: no skill named 'Nope'" in result.stderr


def test_posting_page_shows_required_and_preferred_skills_apart(project: Path) -> None:
    assert run(project).returncode == 0
    page = (project / "site" / "jobs" / "territory-account-manager" / "index.html").read_text()
    required = page.split("<h2>Skills</h2>")[1].split("</ul>")[0]
    preferred = page.split("<h2>Nice to have</h2>")[1].split("</ul>")[0]
    assert ">Salesforce</a>" in required and ">Salesforce</a>" not in preferred
    assert ">Microsoft Office</a>" in preferred and ">Microsoft Office</a>" not in required
