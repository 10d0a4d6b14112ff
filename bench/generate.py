"""Generate N realistic postings (seeded) in both input shapes, for benchmarks.

    python bench/generate.py 1000 /tmp/bench-1k          # a project folder, ready to build

Half the postings are messy scraped HTML in the shape of the seeds (bold paragraphs as
headings, ``<br>`` wrap artifacts, empty paragraphs, hashtags, EEO boilerplate), half are
Markdown with front matter; each is 3–5 KB with varied sections, skills and experience
phrasings. The same seed gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TITLES = [
    "Account Manager",
    "Senior Data Engineer",
    "Customer Service Representative",
    "Registered Nurse",
    "Staff Accountant",
    "Marketing Coordinator",
    "Warehouse Associate",
    "Software Engineer",
    "Sales Development Representative",
    "Network Administrator",
    "Product Designer",
    "Store Manager",
    "Financial Analyst",
    "HR Generalist",
    "Director of Sales",
    "Junior Web Developer",
    "Cloud Security Engineer",
    "Logistics Coordinator",
    "Executive Assistant",
    "Marketing Intern",
]
QUALIFIERS = ["", "", "", "Senior ", "Lead ", "Jr. ", "Regional ", "Enterprise ", "Associate "]
PLACES = [
    "Boston, MA, US",
    "Austin, TX, US",
    "Remote (US)",
    "London, GB",
    "Denver, CO, US",
    "Toronto, ON, CA",
]
SKILL_PHRASES = [
    "Salesforce CRM",
    "Microsoft Excel",
    "SQL",
    "Python",
    "customer service skills",
    "cold calling",
    "negotiation skills",
    "AWS",
    "JavaScript",
    "account management",
    "B2B sales",
    "team player",
    "written and verbal communication",
    "Microsoft Office",
    "pipeline management",
    "presentations",
    "Apache Airflow",
    "inside sales",
    "MS Office",
    "lead generation",
    "time management",
]
EXPERIENCE = [
    "{n}+ years of experience in {f}",
    "Minimum of {n} years experience in {f}",
    "{w} or more years of {f} experience",
    "{n}-{m} years of experience with {f}",
    "at least {w} ({n}) years of experience in {f}",
    "No experience necessary - we will train you!",
    "{n} years of {f} experience preferred",
    "between {n} and {m} years of relevant experience",
]
WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
FIELDS = ["sales", "software development", "customer support", "nursing", "accounting", "logistics"]
FILLER = (
    "Our team works closely with customers across the region to deliver reliable service, and we "
    "measure ourselves by the outcomes they see. You will join a group that values clear writing, "
    "careful planning and steady improvement, with room to grow into larger accounts over time."
).split()


def sentence(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(FILLER))
    picked = [FILLER[(start + i) % len(FILLER)] for i in range(words)]
    return " ".join(picked).capitalize().rstrip(",.") + "."


def experience_line(rng: random.Random) -> str:
    n = rng.randint(1, 7)
    return rng.choice(EXPERIENCE).format(n=n, m=n + rng.randint(1, 3), w=WORDS[n - 1], f=rng.choice(FIELDS))


def items(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        text = sentence(rng, rng.randint(14, 26))
        if rng.random() < 0.5:
            text = text[:-1] + f" using {rng.choice(SKILL_PHRASES)}."
        out.append(text)
    return out


def sections(rng: random.Random) -> list[tuple[str, list[str], bool]]:
    """(heading, lines, is_list) in a varied order and wording."""
    out = [
        (
            rng.choice(["Job Summary", "About the role", "Role Summary", "Overview"]),
            [sentence(rng, rng.randint(30, 50)) for _ in range(rng.randint(2, 3))],
            False,
        ),
        (
            rng.choice(["Responsibilities", "What you will do", "Essential Job Responsibilities", "Duties"]),
            items(rng, rng.randint(6, 10)),
            True,
        ),
        (
            rng.choice(["Requirements", "Qualifications", "Required Skills", "Position Requirements"]),
            [experience_line(rng), *items(rng, rng.randint(3, 6))],
            True,
        ),
    ]
    if rng.random() < 0.7:
        out.append(
            (
                rng.choice(["Preferred Skills", "Nice to have", "How you will stand out"]),
                [experience_line(rng), *items(rng, rng.randint(2, 4))],
                True,
            )
        )
    if rng.random() < 0.6:
        out.append(
            (
                rng.choice(["Benefits", "What we offer", "Position benefits"]),
                items(rng, rng.randint(3, 6)),
                True,
            )
        )
    return out


def html_posting(rng: random.Random, title: str) -> str:
    parts = [f'<h2>{title}</h2> \n <div id="jobDescriptionText"><div>']
    for heading, lines, is_list in sections(rng):
        style = rng.randrange(3)
        if style == 0:
            parts.append(f"<p><b>\n{heading}:</b></p>")
        elif style == 1:
            parts.append(f'<h4 class="jobSectionHeader"><b>{heading}</b></h4>')
        else:
            parts.append(f"<div><b>{heading}:</b></div>")
        if is_list:
            parts.append("<ul>" + "".join(f"<li>\n{line}</li>" for line in lines) + "<br></ul><p></p>")
        else:
            for line in lines:
                words = line.split()
                cut = len(words) // 2
                parts.append(f"<p>{' '.join(words[:cut])}<br>\n{' '.join(words[cut:])}</p>")
    parts.append("<p>#LI-Hybrid</p><p>We are an equal opportunity employer.</p></div></div>")
    return "\n".join(parts)


def markdown_posting(rng: random.Random, title: str, index: int) -> str:
    day = 1 + index % 28
    front = [
        "---",
        f"title: {title}",
        f"location: {rng.choice(PLACES)}",
        f"date: 2026-{1 + index % 11:02d}-{day:02d}",
        "employment_type: Full-time",
        "---",
        "",
    ]
    body = []
    for heading, lines, is_list in sections(rng):
        body.append(f"## {heading}\n")
        body.extend((f"- {line}" if is_list else f"{line}\n") for line in lines)
        body.append("")
    return "\n".join(front + body) + "\n"


def generate(count: int, dest: Path, seed: int = 1, checkout: Path = ROOT) -> None:
    """Write a whole project (config, templates, ``count`` postings) into ``dest``, with the
    configuration and templates of ``checkout`` (a version's templates go with its code)."""
    rng = random.Random(seed)
    jobs = dest / "content" / "jobs"
    if jobs.exists():
        shutil.rmtree(jobs)
    jobs.mkdir(parents=True)
    shutil.copy(checkout / "careers.toml", dest / "careers.toml")
    if (dest / "templates").exists():
        shutil.rmtree(dest / "templates")
    shutil.copytree(checkout / "templates", dest / "templates")
    for i in range(count):
        title = rng.choice(QUALIFIERS) + rng.choice(TITLES)
        if i % 2:
            (jobs / f"posting-{i:05d}.md").write_text(markdown_posting(rng, title, i), encoding="utf-8")
        else:
            (jobs / f"posting-{i:05d}.html").write_text(html_posting(rng, title), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("dest", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.count, args.dest, args.seed)
    print(f"wrote {args.count} postings to {args.dest / 'content' / 'jobs'}")


if __name__ == "__main__":
    main()
