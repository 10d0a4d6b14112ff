"""Every row of the spec's experience, level and education tables (tests/data/spec/*.tsv)."""

from __future__ import annotations

import pytest

from careers.model import Paragraph, Run, Section
from careers.posting.clean import heading_kind
from careers.posting.tagging.experience import find_experience
from careers.posting.tagging.tag import decide_level, extract_education, extract_experience

from .conftest import read_tsv


def section(heading: str, text: str) -> Section:
    """One section as the cleaner makes it; no heading reads as a requirements list."""
    kind = heading_kind(heading) if heading else "requirements"
    return Section(heading or None, kind, (Paragraph((Run(text),)),))


def months(cell: str) -> int | None:
    return int(cell) if cell else None


def rows(name: str) -> list[dict[str, str]]:
    return read_tsv(name)


def ids(name: str) -> list[str]:
    return [row["id"] for row in read_tsv(name)]


PREFERRED_ROWS = {"E6", "E26", "E34", "E38"}


@pytest.mark.parametrize("row", rows("experience_phrases.tsv"), ids=ids("experience_phrases.tsv"))
def test_experience_phrase(row: dict[str, str]) -> None:
    found = find_experience((section(row["section_heading"], row["text"]),))
    if not row["min_months"]:
        assert found is None, f"{row['text']!r} read as {found}"
        return
    assert found is not None, f"no experience read from {row['text']!r}"
    assert (found.min_months, found.max_months) == (months(row["min_months"]), months(row["max_months"]))
    assert found.preferred == (row["id"] in PREFERRED_ROWS)
    assert decide_level("", found.min_months) == row["level_from_years"]


@pytest.mark.parametrize("row", rows("experience_sections.tsv"), ids=ids("experience_sections.tsv"))
def test_experience_sections(row: dict[str, str]) -> None:
    parts = [part.split(": ", 1) for part in row["sections"].split(" ⏎ ")]
    experience = extract_experience("", tuple(section(heading, text) for heading, text in parts))
    assert experience is not None
    expected = (months(row["min_months"]), months(row["max_months"]))
    assert (experience.min_months, experience.max_months) == expected
    assert experience.required == ("only preferred" not in row["note"])


@pytest.mark.parametrize("row", rows("level_titles.tsv"), ids=ids("level_titles.tsv"))
def test_level_title(row: dict[str, str]) -> None:
    level = decide_level(row["title"], months(row["required_months"]), row["front_matter_level"] or None)
    assert level == (row["expected_level"] or None)


@pytest.mark.parametrize("row", rows("education_phrases.tsv"), ids=ids("education_phrases.tsv"))
def test_education_phrase(row: dict[str, str]) -> None:
    education = extract_education((section("", row["text"]),))
    if not row["expected_level"]:
        assert education is None, f"{row['text']!r} read as {education}"
        return
    assert education is not None, f"no education read from {row['text']!r}"
    assert education.level == row["expected_level"].split()[0]
    assert education.required == row["status"].startswith("required")
    assert education.equivalent_experience == row["equivalent_experience_ok"].startswith("yes")
    if "(48 months)" in row["equivalent_experience_ok"]:
        assert education.equivalent_months == 48
    if "master preferred" in row["status"]:
        assert education.preferred_level == "master"


# Phrasings the tables do not list, as real postings write them.
MORE_EXPERIENCE = [
    ("3-5+ years of experience in B2B sales", 36, 60, False),
    ("At least one year of retail experience preferred", 12, None, True),
    ("1-2 years of customer service experience is a plus", 12, 24, True),
    ("Must have worked in a call center for at least 2 years", 24, None, False),
    ("Sales experience of at least 2 years", 24, None, False),
    ("2 years' experience in a similar role OR 4 years' experience in customer service", 24, None, False),
    ("This role requires 7-10 years of engineering experience", 84, 120, False),
    ("Salesforce experience preferred but not required", None, None, False),
    ("6 months to 1 year of hands-on MERN experience", 6, 12, False),
    ("6 months - 1 year of experience (fresh graduates with portfolios may apply)", 6, 12, False),
    ("Minimum of 2 of the past 5 years direct sales experience", 24, None, False),
    ("RN license in the State of WI.Three years acute care nursing experience required", 36, None, False),
    ("High school diploma or GED.3-5 years of warehouse experience", 36, 60, False),
    ("Employment is limited to four years during which the Apprentice is to qualify", None, None, False),
    ("At least 1-2 years of relevant work experience, preferably in car rental or tourism", 12, 24, False),
    ("3+ years of CryoEM experience in membrane proteins, industry experience is a plus", 36, None, False),
    ("3-6+ years of consumer sales experience (wellness or DTC a plus)", 36, 72, False),
    ("3 years of experience, preferred", 36, None, True),
    ("Some baking experience is desired but not required", 0, None, False),
    ("Experience in merchandising will be an asset (however it is not a prerequisite)", 0, None, False),
    (
        "TEFL or teaching experience preferred but not necessaryCanada/US passport holders only",
        0,
        None,
        False,
    ),
    ("Extensive work experience is not required", None, None, False),
    ("Full training provided for the first two weeks", 0, None, False),
    ("Previous warehouse experience is not a requirement", 0, None, False),
    ("Over 10 years in the industry, we are the regional leader", None, None, False),
    ("We offer 401(k) matching and 15 days of PTO in your first year", None, None, False),
    # A job board's ranges: the lower end, the upper one short of the next unit.
    ("Experience: 2 years to less than 3 years", 24, 36, False),
    ("Experience: 1 to less than 7 months", 1, 7, False),
    ("Experience: 7 months to less than 1 year", 7, 12, False),
]


@pytest.mark.parametrize(("text", "low", "high", "preferred"), MORE_EXPERIENCE)
def test_more_experience_phrasings(text: str, low: int | None, high: int | None, preferred: bool) -> None:
    found = find_experience((section("", text),))
    if low is None:
        assert found is None
    else:
        assert found is not None and (found.min_months, found.max_months, found.preferred) == (
            low,
            high,
            preferred,
        )


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("BS/BA degree in Business or a related field", "bachelor"),
        ("Associate's or Bachelor's degree", "associate"),
        ("Bachelors in Accounting", "bachelor"),
        ("High School diploma/GED", "high_school"),
        ("Graduate degree preferred", "master"),
        ("Proficiency with MS Word and MS Excel", None),
        ("Currently enrolled in a Bachelor's program", None),
        ("A high degree of accuracy", None),
        # A job board's fields: its levels as written, and its "none" as no requirement.
        ("Secondary (high) school graduation certificate", "high_school"),
        (
            "College, CEGEP or other non-university certificate or diploma (program of 1 year to 2 years)",
            "certificate",
        ),
        ("No degree, certificate or diploma", "none"),
    ],
)
def test_more_education_phrasings(text: str, level: str | None) -> None:
    education = extract_education((section("", text),))
    assert (education.level if education else None) == level


@pytest.mark.parametrize(
    ("title", "level"),
    [("Activities Director", None), ("Managing Director", "director"), ("SVP, Operations", "executive"),
     ("Apprentice Electrician", "entry"), ("Internal Auditor", None), ("Team Lead, Support", "mid_senior")],
)  # fmt: skip
def test_more_titles(title: str, level: str | None) -> None:
    assert decide_level(title, None) == level


# Zero stated another way, the length of the post itself, alternatives in a list: as real postings write them.
MORE_EXPERIENCE_EVIDENCE = [
    ("Previous cleaning experience would be beneficial however, full training will be provided.", 0, None),
    ("Previous experience of working in a GP practice would be advantageous but not essential", 0, None),
    ("We are seeking to recruit an apprentice in a Painting and Decorating role", 0, None),
    ("Whilst undertaking your apprenticeship you will learn on the job", 0, None),
    ("The Factory Technician is an entry level manufacturing position", 0, None),
    ("At least 1-2 years of relevant work experience - career changers are welcome", 12, 24),
    ("A suitably experienced accountant, on secondment for 12 months", None, None),
    ("Candidates will need the right to work and to commit to at least 6 months employment", None, None),
    ("All new staff will be subject to a 6 month probation period", None, None),
    ("BS/BA with 2 years of experience, MS/MA with 0 years of experience, or PhD with 0 years", 0, None),
    ("Minimum 6-8 years of quality engineering experience or equivalence and overall 8-12 years of "
     "experience", 96, 144),
    ("You Have: 3+ years executing data science or machine learning principles", 36, None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "low", "high"), MORE_EXPERIENCE_EVIDENCE)
def test_experience_read_as_real_postings_write_it(text: str, low: int | None, high: int | None) -> None:
    found = find_experience((section("", text),))
    assert ((found.min_months, found.max_months) if found else (None, None)) == (low, high)


@pytest.mark.parametrize(
    ("title", "text", "level", "reason"),
    [
        ("Physiotherapist", "Salary: Band 6, £32,000 per annum", "associate", "pay band 'Band 6'"),
        ("Pharmacy Warehouse Operative", "Band 2 NHS pay scale applies", "entry", "pay band 'Band 2'"),
        ("Band 5 Staff Nurse", "Join our friendly ward team", "associate", "pay band 'Band 5'"),
        ("Ward Manager", "You will line manage a team of 12 nurses", "mid_senior", "supervising a team"),
        ("Analyst", "Salary: GS-9 to GS-11, $61,947 per year", "associate", "grade 'GS-9'"),
        ("Analyst", "One year of specialized experience equivalent to GS-12", "mid_senior", "grade GS-13"),
        ("Clerk", "Pay grade GS-5", "entry", "grade 'GS-5'"),
        # How experience is asked for is no evidence (rule 6): "proven", "previous", "experienced".
        ("Chef", "Proven experience as a chef is essential", None, None),
        ("Warehouse Associate", "Previous warehouse experience is required", None, None),
        ("Support Specialist", "A proven track record of handling escalations", None, None),
        ("Consultant", "A strong background in software rollouts", None, None),
        ("Cook", "An experienced cook", None, None),
        ("Plumber", "Join our estates team", None, None),
    ],
)
def test_level_from_the_text_when_no_years_or_title_cue_decide(
    title: str, text: str, level: str | None, reason: str | None
) -> None:
    experience = extract_experience(title, (section("Details", text),))
    assert (experience.level if experience else None) == level
    if reason:
        assert experience is not None and experience.level_reason.startswith(reason)


@pytest.mark.parametrize(
    "title", ["Summer Associate, Corporate Law", "Working Student Marketing", "Werkstudent Vertrieb (m/w/d)"]
)
def test_internship_forms_in_titles(title: str) -> None:
    assert decide_level(title, None) == "internship"


@pytest.mark.parametrize(
    ("texts", "level"),
    [
        (["Current LPN/LVN license required"], "certificate"),
        (["HCPC registration is essential"], "bachelor"),
        (["Registered with the GPhC as a qualified pharmacist"], "master"),
        (["NVQ Level 3 in Pharmacy Services or equivalent"], "certificate"),
        (["GCSEs in English and Maths at grade C or above"], "high_school"),
        (["A Level standard of education, including GCSE Maths"], "high_school"),
        (["B. Tech in Mechanical Engineering"], "bachelor"),
        (["PhD in Toxicology or a related discipline",
          "MS in Toxicology with minimum 2 years of industry experience"], "master"),
        (["Hold a minimum high-school degree"], "high_school"),
        (["NVQ Level 4 (or equivalent) in a relevant field, with GCSEs in Maths and English"], "certificate"),
        (["Completion of a recognized five-year apprenticeship as a plumber"], "certificate"),
        (["City Guilds parts 1 and 2 Electrical or equal, 17th edition"], "certificate"),
        (["Journeyman license as an electrician"], "certificate"),
        (["Certificate IV in Training and Assessment"], "certificate"),
        (["Abgeschlossene Ausbildung als KFZ-Mechatroniker oder vergleichbare Qualifikation"], "certificate"),
        (["Successfully completed training or studies in a relevant subject area"], "certificate"),
        (["Recently completed some kind of degree or certification in CS"], "certificate"),
        (["It is essential that you hold a valid, recognised teaching qualification"], "bachelor"),
        (["Degree: In Industrial Engineering or a comparable degree programme"], "bachelor"),
        (["4 years degree (Computer Science, Information Systems) or equivalent"], "bachelor"),
        (["MS or higher in Computer Science, Mathematics or Statistics"], "master"),
        (["A University degree preferably in Economics or Services"], "bachelor"),
        (["Diploma of accomplished higher medical education"], "doctorate"),
        (["Nursing school graduate (accredited program)"], "associate"),
    ],
)  # fmt: skip
def test_education_a_registration_stands_for_and_routes_in(texts: list[str], level: str) -> None:
    education = extract_education(tuple(section("Requirements", text) for text in texts))
    assert education is not None and (education.level, education.required) == (level, True)


def test_a_pay_band_the_cleaner_lifted_into_the_facts_still_places_the_level() -> None:
    sections = (section("About the role", "Join our pharmacy team."),)
    experience = extract_experience("Pharmacy Assistant", sections, stated=("Salary: Band 3, £19,737",))
    assert experience is not None
    assert (experience.level, experience.level_reason) == ("entry", "pay band 'Band 3'")


@pytest.mark.parametrize(
    ("text", "level", "reason"),
    [
        ("Band 5. At least 3 years of experience as a staff nurse.", "associate", "pay band"),
        ("GS-12. Three years of experience in program analysis.", "mid_senior", "grade"),
        ("At least 3 years of experience as a staff nurse.", "associate", "36 months"),
    ],
)
def test_a_stated_grade_decides_before_the_months(text: str, level: str, reason: str) -> None:
    experience = extract_experience("Nurse", (section("Requirements", text),))
    assert experience is not None and experience.min_months == 36
    assert (experience.level, experience.level_reason.split(" ")[0]) == (level, reason.split(" ")[0])


@pytest.mark.parametrize(
    ("title", "text", "level"),
    [
        ("Executive Assistant to the VP of Product", "Keep the calendar.", None),
        ("Assistant to the Director of Nursing", "At least 3 years of experience.", "associate"),
        (
            "Trainee Specialist Paramedic",
            "You will be a Band 6 clinician today, Band 7 once qualified.",
            "entry",
        ),
        ("Band 6 Trainee Practitioner", "Learn on the job.", "associate"),
    ],
)
def test_a_title_cue_is_the_posts_own(title: str, text: str, level: str | None) -> None:
    experience = extract_experience(title, (section("Details", text),))
    assert (experience.level if experience else None) == level


@pytest.mark.parametrize(
    "text",
    [
        "You are completing a Bachelor or Master of Science in Computer Science",
        "A predicted undergraduate or graduate degree in Computer Science",
        "Bachelor's degree (in progress) in Computer Science",
        "We hire students from bachelor to PhD level",
        "6 semester units in bookkeeping or accounting from an accredited trade school or college",
        "One year of coursework in machine tool or metal trade at a high school or trade school level",
        "Current registration as a Registered Pharmacy Technician in the State of Arizona and CPhT",
    ],
)
def test_enrolment_coursework_and_certifications_without_a_programme_are_no_education(text: str) -> None:
    assert extract_education((section("Requirements", text),)) is None


def test_the_requirements_list_binds_before_a_degree_named_elsewhere() -> None:
    sections = (
        section("Job Description", "Master's or PhD in computer science or related fields."),
        section("Required Qualifications", "Ph.D. in computer science, 3+ years of experience with PyTorch"),
    )
    education = extract_education(sections)
    assert education is not None and (education.level, education.required) == ("doctorate", True)


def test_a_degree_is_required_when_only_a_later_part_of_its_clause_is_a_plus() -> None:
    text = "Ph.D. in Life Sciences and 3+ years of CryoEM experience, industry experience is a plus"
    education = extract_education((section("Minimum Qualifications", text),))
    assert education is not None and (education.level, education.required) == ("doctorate", True)
