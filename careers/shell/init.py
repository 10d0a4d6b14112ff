"""``careers init DIR``: a new site, ready to build, as ``hugo new site`` makes one.

It writes a commented ``careers.toml``, two example postings (one in Markdown with front
matter, one as raw HTML as a job board gives it), a short README for the careers team and a
``.gitignore`` (a first ``git add .`` committed the built site and the cache). The
templates are left to the package: a site only adds the ones it changes. A folder that holds
anything already is refused, so nothing is ever overwritten.
"""

from __future__ import annotations

from pathlib import Path

from careers.errors import CareersError

CONFIG = """\
# Your careers site. Every key is optional; an unknown key is an error with a hint.
# Every key is described in the careers documentation (docs/configuration.md).

title = "Careers at {company}"          # the index page's headline and the header's name
company = "{company}"                   # the hiring organization on every posting
company_url = ""                        # e.g. "https://example.com/": linked from every page
intro = "Every open role is below."     # the text under the headline
base_url = "/"                          # where the site is published, e.g. "https://jobs.example.com/"

# Where to apply when a posting does not say (one of the two):
apply_email = "jobs@example.com"
# apply_url = "https://example.com/apply"

# Defaults for postings that do not say:
location = "Remote (US)"                # "City, ST, US", "City, Country" or "Remote (US)"
department = "General"                  # postings are grouped by department on the index
employment_type = "Full-time"           # Full-time, Part-time, Contract, Temporary, Internship
max_age_days = 60                       # a posting with no valid_through closes this long after its date

# Pay-transparency laws cover employers by headcount: say how many people you have (and, where a
# law counts them there, how many per state or province), and `careers check` applies only the
# laws that cover you. Until you do, it assumes every law does, and says so.
# [employer]
# employees = 40
# employees_in = {{ CO = 3, NY = 12 }}
"""

MARKDOWN = """\
---
title: Customer Success Manager
department: Customer Success
location: Remote (US)
employment_type: Full-time
date: {today}
salary: $70,000 – $85,000 a year
---

Help our customers get the most out of the product, from their first week to their renewal.

## What you will do

- Onboard new customers and be their guide for their first 90 days.
- Run quarterly reviews and turn feedback into product requests.

## What you bring

- 2+ years in customer success, account management or support.
- Experience with Salesforce or HubSpot.

## Benefits

- Health, dental and vision insurance from day one.
"""

HTML = """\
---
date: {today}
salary: $18 – $21 per hour
---
<h2>Warehouse Associate</h2>
<div>
<p><b>Job Summary</b></p>
<p>We are looking for a reliable Warehouse Associate to pick, pack and ship orders<br>
on our day shift.</p>
<p><b>Responsibilities:</b></p>
<ul><li>Pick and pack orders accurately</li><li>Load and unload deliveries</li></ul>
<p><b>Requirements:</b></p>
<ul><li>No experience necessary, we will train you</li><li>Forklift certification a plus</li></ul>
<p><b>Benefits:</b></p>
<ul><li>Health and dental insurance</li><li>Paid time off from your first month</li></ul>
<p>#LI-Onsite</p>
<p>We are an equal opportunity employer.</p>
</div>
"""

README = """\
# Our careers site

Job postings live in `content/jobs/`: one file each, either Markdown with a few lines of front
matter on top (`customer-success-manager.md`) or HTML pasted from a job board as it is
(`warehouse-associate.html`, with only its date and pay added on top): headings, bullet lists, skills,
experience and education are worked out from the text. A posting in git is dated by its first
commit when it gives no `date:`.

- `careers serve` shows the site at http://127.0.0.1:8000 and updates it on every save.
- `careers check` says what Google for Jobs or a careful editor would object to.
- `careers build` writes the site into `site/`, ready to upload to any static host.

Site settings are in `careers.toml`. To change the look, copy a template from the package's
theme into `templates/` here and edit it: files there win over the built-in ones.
"""


GITIGNORE = """\
# What careers makes, never to be committed: the built site, its staging folders and the cache.
/site/
/.site.new/
/.site.old/
/.cache/
"""


def init_site(folder: Path, today: str, company: str = "Example Co") -> list[Path]:
    """Write a new site into ``folder`` (made if missing; refused if it holds anything)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        message = "not an empty folder: give a new or empty folder to 'careers init'"
        raise CareersError(f"{folder}: error: {message}")
    files = {
        "careers.toml": CONFIG.format(company=company),
        "content/jobs/customer-success-manager.md": MARKDOWN.format(today=today),
        "content/jobs/warehouse-associate.html": HTML.format(today=today),
        "README.md": README,
        ".gitignore": GITIGNORE,
    }
    written = []
    try:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise CareersError(f"{folder}: error: cannot write the new site: {exc.strerror}") from None
    return written
