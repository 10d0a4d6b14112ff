"""``check``: lint the content as Google for Jobs and a careful editor would.

The site is rendered into a temporary folder (so its links can be followed, and nothing in
``site/`` changes), then every posting (open and closed) and its JobPosting is examined. Every
finding is a ``Diagnostic``; the CLI decides what exit code they make.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from careers.advice.advise import posting_advice
from careers.config import CONFIG_NAME, Config
from careers.engine.engine import Engine
from careers.engine.options import Options, Target
from careers.errors import Diagnostic, Level
from careers.law.report import headcount_note, law_findings
from careers.model import Posting
from careers.pages.jsonld import job_posting, posting_location, posting_locations
from careers.pages.links import check_links
from careers.posting.closing import closes_on
from careers.posting.html import html_text
from careers.posting.tagging.vocabulary import SOFT_SKILLS
from careers.shell.feedcheck import feed_findings

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$")
_SALARY = re.compile(
    r"[$£€¥₹]\s*\d|\b\d+(\.\d+)?\s*[kK]\b|\bper\s+(hour|hr|year|annum|month|week)\b|/\s*(hr|hour|yr|year)\b"
    r"|\b(USD|EUR|GBP)\b",
    re.IGNORECASE,
)
_CODE = re.compile(
    r"#\s*\d+|\b(req|requisition|job|ref|reference|posting)\.?\s*+(?:(?:id|no|number|#)\s*+)?(?:[:#-]\s*+)?[A-Z]*+\d"
    r"|\b[A-Z]{1,5}[-_]?\d{3,}\b|\b\d{4,}\b",
    re.IGNORECASE,
)
_REMOTE_WORDS = re.compile(r"\b(remote|work from home|wfh|hybrid|on-?site)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Lines:
    """Where a posting's front matter keys and body start, for pointing at a line."""

    keys: dict[str, int]
    body: int

    def of(self, key: str) -> int:
        """The line of a front matter key; the body's first line for "body" (or a title from it)."""
        if key == "body":
            return self.body
        return self.keys.get(key, self.body if key == "title" else 1)


def built_site(config: Config, options: Options) -> tuple[Engine, list[Diagnostic]]:
    """The site built by the engine, as ``build`` builds it, into a temporary folder; what the
    build and the links between its pages found."""
    with tempfile.TemporaryDirectory(prefix="careers-check-") as tmp:
        out = Path(tmp) / "site"
        engine = Engine(config, options, Target(out, persist=False))
        report = engine.run()
        found = list(report.diagnostics)
        if out.is_dir():
            found.extend(link_findings(out, config))
            found.extend(feed_findings(out, engine.site, config))
    return engine, found


def check_site(config: Config, options: Options, advice: bool = False) -> list[Diagnostic]:
    """Every finding about the content and the site built from it, sorted by file and line;
    ``advice``: suggestions on each open posting's wording too."""
    engine, found = built_site(config, options)
    site = engine.site
    today = options.now or dt.date.today()
    assumed = False
    for posting in (*site.postings, *site.closed):
        result = engine.results.get(posting.source)
        lines = Lines(dict(result.lines), result.lines.get("body", 1)) if result else Lines({}, 1)
        found.extend(lint_posting(posting, config, options.now, lines))
        if posting in site.closed:
            continue  # a closed posting is advertised nowhere: no law asks anything of it
        breaches, assumed_here = law_findings(posting, config, today)
        found.extend(Diagnostic(posting.source, lines.of(b.key), b.level, b.message) for b in breaches)
        if advice:
            found.extend(
                Diagnostic(posting.source, lines.of(k), "advice", m) for k, m in posting_advice(posting)
            )
        assumed = assumed or assumed_here
    note = headcount_note(assumed, config)
    if note:
        found.append(Diagnostic(CONFIG_NAME, 1, *note))
    return sorted(set(found), key=Diagnostic.sort_key)


def link_findings(site_dir: Path, config: Config) -> Iterator[Diagnostic]:
    """Broken internal links and anchors, pointed at the built page's line."""
    for broken in check_links(site_dir, config.base_path):
        path = f"{config.output_dir}/{broken.page}"
        yield Diagnostic(
            path, broken.line or 1, "error", f"broken link to {broken.target!r}: {broken.reason}"
        )


def lint_posting(
    posting: Posting, config: Config, today: dt.date | None, lines: Lines
) -> Iterator[Diagnostic]:
    """Google's JobPosting rules and an editor's, for one posting."""

    def finding(key: str, level: Level, message: str) -> Diagnostic:
        return Diagnostic(posting.source, lines.of(key), level, message)

    yield from (finding(k, lvl, m) for k, lvl, m in content_findings(posting))
    yield from (finding(k, lvl, m) for k, lvl, m in title_findings(posting, config))
    yield from (finding(k, lvl, m) for k, lvl, m in date_findings(posting, today, config.max_age_days))
    yield from (finding(k, lvl, m) for k, lvl, m in place_findings(posting))
    yield from (finding(k, lvl, m) for k, lvl, m in jsonld_findings(posting, config))
    yield from (finding(k, lvl, m) for k, lvl, m in soft_skill_findings(posting))


Finding = tuple[str, Level, str]


def content_findings(posting: Posting) -> Iterator[Finding]:
    if not posting.sections:
        yield "body", "error", "posting has no sections: its JobPosting description would be empty"
        return
    text = " ".join(html_text(s.html) for s in posting.sections)
    if _normal(text) == _normal(posting.title):
        yield "body", "error", "the description only repeats the title: write what the job is"


def title_findings(posting: Posting, config: Config) -> Iterator[Finding]:
    """Google asks for the job title alone: no company, place, pay or reference code."""
    title = posting.title
    for company in sorted({c for c in (posting.company, config.company) if c}):
        if _contains(title, company):
            yield "title", "warning", f"title names the company {company!r}: give the job title only"
    location = posting_location(posting)
    places = [location.address.locality, location.address.region] if location.address else []
    for place in places:
        if place and len(place) > 2 and _contains(title, place):
            yield "title", "warning", f"title names the location {place!r}: put it in 'location:' only"
    if _REMOTE_WORDS.search(title):
        yield "title", "warning", "title says where the work is done: use 'location:' and 'remote:'"
    if _SALARY.search(title):
        yield "title", "warning", "title holds a salary: put it in 'salary:' only"
    if _CODE.search(title):
        yield "title", "warning", "title holds a code or number: give the job title only"


# How long before a posting closes by age check warns that it will.
AGE_WARNING_DAYS = 7


def date_findings(posting: Posting, today: dt.date | None, max_age_days: int = 0) -> Iterator[Finding]:
    posted, through = posting.date_posted, posting.valid_through
    if posted is None:
        yield (
            "date",
            "error",
            "no 'date:' (date posted), and no commit in git history to date it by: "
            "Google for Jobs requires datePosted",
        )
    elif today and posted > today:
        yield "date", "warning", f"date posted {posted} is in the future"
    closes = closes_on(posting, max_age_days)
    if through is None:
        if closes is None:
            if not posting.board:  # an imported posting closes when its board drops it
                message = "no 'valid_through:': the posting will never close by itself"
                yield "valid_through", "warning", message
        elif today and today <= closes <= today + dt.timedelta(AGE_WARNING_DAYS):
            yield (
                "date",
                "warning",
                f"closes on {closes}, {max_age_days} days after it was posted (max_age_days), as it "
                "states no 'valid_through:': if the job is still open, give it the 'valid_through:' it will "
                "close on",
            )
    elif posted and through < posted:
        yield "valid_through", "error", f"closing date {through} is before the date posted {posted}"
    elif today and through < today:
        yield (
            "valid_through",
            "warning",
            f"closing date {through} has passed: the posting is closed (listed nowhere, its page says so)",
        )


def place_findings(posting: Posting) -> Iterator[Finding]:
    locations = posting_locations(posting)
    if any(location.remote for location in locations):
        if not any(location.applicant_countries for location in locations):
            yield (
                "location",
                "error",
                "fully remote (TELECOMMUTE) without the countries applicants may live in: "
                "write e.g. 'location: Remote (US)'",
            )
    elif not posting.location:
        yield (
            "location",
            "error",
            "no 'location:' here or in careers.toml: Google for Jobs requires jobLocation "
            "(e.g. 'Boston, MA, US', 'Berlin, Germany' or 'Remote (US)')",
        )
    else:
        for text, location in zip(posting.locations, locations, strict=True):
            if not (location.address and location.address.country):
                hint = _with_country(location.place or text)
                message = f"location {text!r} has no country: write it as {hint}"
                yield "location", "error", message
    if not posting.company:
        yield (
            "company",
            "error",
            "no 'company:' here or in careers.toml: Google for Jobs requires hiringOrganization",
        )


def _with_country(location: str) -> str:
    """How to write ``location`` with its country: the US form only for what reads as a US place."""
    parts = [p.strip() for p in location.split(",")]
    city = parts[0] or "City"
    if len(parts) == 2 and len(parts[1]) == 2 and parts[1].isupper():
        return f"'{city}, {parts[1]}, US' (a state or province, then the country)"
    # The country's name, not its code: two letters after a city are read as a US state or a
    # Canadian province first ('Berlin, DE' is Delaware), so a code is safe only as a third part.
    examples = "'Berlin, Germany', 'Leeds, United Kingdom'; 'Austin, TX, US'"
    return f"'{city}, Country' with the name of its country ({examples})"


def jsonld_findings(posting: Posting, config: Config) -> Iterator[Finding]:
    """The JobPosting as published: dates in ISO 8601 (the text is linted from the model)."""
    data = job_posting(posting, config)
    for key, source_key in (("datePosted", "date"), ("validThrough", "valid_through")):
        value = data.get(key)
        if value is not None and not ISO_DATE.match(str(value)):
            yield source_key, "error", f"JobPosting {key} {value!r} is not an ISO 8601 date"


def soft_skill_findings(posting: Posting) -> Iterator[Finding]:
    """A posting tagged mostly with soft skills tells a job seeker little: say which ones."""
    tags = (*posting.skills, *posting.soft_skills)
    soft = [t.name for t in tags if t.category == SOFT_SKILLS]
    if len(tags) >= 3 and 2 * len(soft) > len(tags):
        where = "skills" if any(t.phrase == "front matter" for t in tags) else "body"
        named = ", ".join(soft[:4]) + (", …" if len(soft) > 4 else "")
        yield (
            where,
            "warning",
            f"{len(soft)} of its {len(tags)} skill tags are soft skills ({named}): name the tools, "
            "certifications and knowledge the job needs, so job seekers can find it by skill",
        )


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE) is not None
