"""The shapes real postings arrive in, each read as an editor would: small examples of our own."""

from __future__ import annotations

import re

import pytest

from careers.config_clean import CleanRules
from careers.model import ListBlock, Paragraph, Section
from careers.posting.clean import Cleaned, clean_html, heading_kind, section_text

from .conftest import read_tsv


def outline(cleaned: Cleaned) -> list[tuple[str | None, str]]:
    return [(s.heading, s.kind) for s in cleaned.sections]


def texts(section: Section) -> list[str]:
    return section_text(section).splitlines()


def lists(section: Section) -> list[list[str]]:
    return [
        ["".join(r.text for r in item) for item in b.items]
        for b in section.blocks
        if isinstance(b, ListBlock)
    ]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def kept_words(cleaned: Cleaned) -> list[str]:
    parts = [cleaned.title or ""]
    for section in cleaned.sections:
        parts += [section.heading or "", section_text(section)]
    return words(" ".join(parts))


# Text with line breaks inside markup: read line by line, with the plain-text rules.

TEXT_IN_A_DIV = """<h2>Forklift Driver</h2><div>We move freight for grocers across Ohio.

Key Responsibilities
• Load and unload trucks safely
• Keep the dock clean

Requirements:
- A valid forklift licence
- 1) and 2) are not bullets here, this line is text

1. Pass a drug test
2. Lift 50 pounds

What We Offer
Health insurance
Paid holidays</div>"""


def test_text_with_newlines_in_a_block_is_read_line_by_line() -> None:
    cleaned = clean_html(TEXT_IN_A_DIV)
    assert cleaned.title == "Forklift Driver"
    assert outline(cleaned) == [
        (None, "summary"),
        ("Key Responsibilities", "responsibilities"),
        ("Requirements", "requirements"),
        ("What We Offer", "benefits"),
    ]
    _, duties, needs, offer = cleaned.sections
    assert lists(duties) == [["Load and unload trucks safely", "Keep the dock clean"]]
    assert lists(needs) == [
        ["A valid forklift licence", "1) and 2) are not bullets here, this line is text"],
        ["Pass a drug test", "Lift 50 pounds"],
    ]
    assert [b.ordered for b in needs.blocks if isinstance(b, ListBlock)] == [False, True]
    # Two short lines under a heading are a list even without bullets.
    assert lists(offer) == [["Health insurance", "Paid holidays"]]


@pytest.mark.parametrize(
    "html",
    [
        "<table><tr><td>Duties:\n- Sell\n- Serve</td></tr></table>",
        "<pre>Duties:\n- Sell\n- Serve</pre>",
        "<p>Duties:\n- Sell\n- Serve</p>",
        "Duties:<br>- Sell<br>- Serve",
    ],
)
def test_a_cell_a_pre_and_a_paragraph_holding_lines_are_read_alike(html: str) -> None:
    (section,) = clean_html(html, "T").sections
    assert (section.heading, lists(section)) == ("Duties", [["Sell", "Serve"]])


def test_lines_in_a_row_are_a_list_and_title_lines_among_them_its_sub_headings() -> None:
    html = (
        "<h2>Responsibilities</h2>Customer Service\nGreet residents and guests at the front desk.\n"
        "Answer the phone and take detailed messages.\nAdministrative Skills\n"
        "Check keys in and out as the policy says.\nSort the mail into the right boxes.\n"
        "Complete all paperwork as directed."
    )
    cleaned = clean_html(html, "Desk Clerk")
    assert [s.heading for s in cleaned.sections] == [
        "Responsibilities",
        "Customer Service",
        "Administrative Skills",
    ]
    assert lists(cleaned.sections[2]) == [
        ["Check keys in and out as the policy says.", "Sort the mail into the right boxes.",
         "Complete all paperwork as directed."]
    ]  # fmt: skip


def test_a_newline_next_to_a_br_is_one_break_and_wraps_still_join() -> None:
    (section,) = clean_html(
        "<p>We need someone who is calm and<br>\nfriendly.<br>\n<br>\nCould it be you?</p>", "T"
    ).sections
    assert texts(section) == ["We need someone who is calm and friendly.", "Could it be you?"]


def test_markdown_marks_left_in_exported_text_are_read() -> None:
    text = (
        "We are hiring an\n**MI Analyst**\nto join our B\\&Q site.\n\n****What you'll do****\n"
        "* Produce well\\-formed reports\n* Support routing\n\n"
        "*Minimum Qualifications**\n+ Two years of Excel"
    )
    cleaned = clean_html(f"<div>{text}</div>", "MI Analyst")
    assert outline(cleaned) == [(None, "summary"), ("What you'll do", "responsibilities"),
                                ("Minimum Qualifications", "requirements")]  # fmt: skip
    assert texts(cleaned.sections[0]) == ["We are hiring an MI Analyst to join our B&Q site."]
    assert lists(cleaned.sections[1]) == [["Produce well-formed reports", "Support routing"]]
    assert lists(cleaned.sections[2]) == [["Two years of Excel"]]


# Flattened text: one run of text with its headings inline.

FLATTENED = (
    "Job Requisition ID # R-1234 Position Overview The platform team owns the licensing service that "
    "every product calls, and it serves millions of customers in forty countries each day of the week. "
    "We are a small team in Singapore and we ship every week with care for quality and for each other. "
    "Responsibilities Design and build the billing service. Review the code of others. Keep the "
    "service running at night. Minimum Qualifications Associate degree in computer science or two "
    "years of experience building services ABOUT THE TEAM We are twelve engineers who like tea and "
    "good tests and a quiet office. Salary transparency Offers are based on experience and location."
)


def test_flattened_text_is_cut_at_its_inline_headings() -> None:
    cleaned = clean_html(FLATTENED, "Engineer")
    assert outline(cleaned) == [
        ("Position Overview", "summary"),
        ("Responsibilities", "responsibilities"),
        ("Minimum Qualifications", "requirements"),
        ("ABOUT THE TEAM", "company"),
        ("Salary transparency", "benefits"),
    ]
    # Duties run together as sentences are one item each.
    assert lists(cleaned.sections[1]) == [
        [
            "Design and build the billing service.",
            "Review the code of others.",
            "Keep the service running at night.",
        ]
    ]
    assert cleaned.facts.reference == "R-1234"


def test_a_capitalized_heading_word_inside_a_sentence_is_not_a_heading() -> None:
    text = (
        "Our Culture Code is at the core of everything we do. " * 12 + "Benefits Health cover for everyone."
    )
    cleaned = clean_html(text, "T")
    assert [s.heading for s in cleaned.sections] == [None]


def test_items_glued_without_a_space_are_split() -> None:
    text = "We make forklifts in Ohio and sell them in many states. " * 9 + (
        "Requirements Ability to follow safety proceduresKnowledge of forklift operation. "
        "Benefits Health insurance for everyone."
    )
    cleaned = clean_html(text, "T")
    requirements = next(s for s in cleaned.sections if s.heading == "Requirements")
    assert lists(requirements) == [
        ["Ability to follow safety procedures", "Knowledge of forklift operation."]
    ]


GLUED = (
    "JOB TITLE: Claims Coder DEPARTMENT: Itemization Review REPORTS TO: Review SupervisorGENERAL "
    "DESCRIPTION:Reverse code previously coded medical bills to check them. About Acme: We are a "
    "claims company in Dallas with two hundred staff and a busy office.\n"
    "Qualifications:Bachelor's degree in nursing or health information, and night shifts.Requirements:"
    "A current AAPC certificationOrthopedic coding experienceEncoderPro software experience"
)


def test_headings_glued_to_their_text_and_run_in_labels_in_plain_text_are_headings() -> None:
    cleaned = clean_html(GLUED, "Coder")
    assert outline(cleaned) == [
        (None, "summary"),
        ("GENERAL DESCRIPTION", "summary"),
        ("About Acme", "company"),
        ("Qualifications", "requirements"),
        ("Requirements", "requirements"),
    ]
    assert texts(cleaned.sections[0]) == [
        "JOB TITLE: Claims Coder",
        "DEPARTMENT: Itemization Review",
        "REPORTS TO: Review Supervisor",
    ]
    assert texts(cleaned.sections[1]) == ["Reverse code previously coded medical bills to check them."]
    assert lists(cleaned.sections[4]) == [
        ["A current AAPC certification", "Orthopedic coding experience", "EncoderPro software experience"]
    ]


def test_inline_bullets_after_a_lead_in_are_items() -> None:
    (section,) = clean_html(
        "<p>You will build systems in these ways: - Design the API - Write the tests</p>", "T"
    ).sections
    assert section.heading == "You will build systems in these ways"
    assert lists(section) == [["Design the API", "Write the tests"]]


# HTML that was entity-escaped once more.


def test_escaped_markup_is_read_as_markup() -> None:
    html = (
        "<div>&lt;p&gt;&lt;strong&gt;Duties&lt;/strong&gt;&lt;/p&gt;"
        "&lt;ul&gt;&lt;li&gt;Sell &amp;amp; serve&lt;/li&gt;&lt;/ul&gt;</div>"
    )
    (section,) = clean_html(html, "T").sections
    assert (section.heading, lists(section)) == ("Duties", [["Sell & serve"]])


def test_prose_about_a_tag_is_not_unescaped() -> None:
    (section,) = clean_html("<p>Know what the &lt;div&gt; element does.</p>", "T").sections
    assert texts(section) == ["Know what the <div> element does."]


# Job-board furniture and metadata blocks.


def test_page_furniture_lines_and_sections_are_dropped() -> None:
    html = (
        "<p>Sell our software to schools.</p><p>Apply now</p><p>Share</p>"
        '<p><a href="https://www.linkedin.com/shareArticle?u=x">LinkedIn</a> '
        '<a href="https://twitter.com/intent/tweet">Twitter</a></p>'
        "<p>We use cookies to improve your experience. Accept all cookies or manage settings.</p>"
        "<h3>Similar Jobs</h3><ul><li>Sales Intern</li><li>Account Manager</li></ul>"
        "<h3>Benefits</h3><p>Dental.</p>"
    )
    cleaned = clean_html(html, "Sales")
    assert outline(cleaned) == [(None, "summary"), ("Benefits", "benefits")]
    assert texts(cleaned.sections[0]) == ["Sell our software to schools."]


def test_a_boards_metadata_block_is_read_into_facts_not_bullets() -> None:
    html = (
        "<div>locations\nBoston, MA\ntime type\nFull time\njob requisition id\nR-77\nPosted on\n2026-11-02\n"
        "Pay range: $50,000 - $60,000 a year</div><h3>About the job</h3><p>Help us sell.</p>"
    )
    cleaned = clean_html(html, "Seller")
    facts = cleaned.facts
    assert (facts.location, facts.employment_type, facts.reference) == ("Boston, MA", "Full time", "R-77")
    assert (facts.date_posted, facts.salary) == ("2026-11-02", "$50,000 - $60,000 a year")
    assert outline(cleaned) == [("About the job", "summary")]


def test_a_definition_list_of_labels_and_a_bold_br_block_are_facts_too() -> None:
    dl = clean_html(
        "<dl><dt>Location</dt><dd>Leeds</dd><dt>Employment type</dt><dd>Part-time</dd></dl><p>Cook.</p>", "T"
    )
    assert (dl.facts.location, dl.facts.employment_type) == ("Leeds", "Part-time")
    br = clean_html(
        "<p><b>Location:</b> Austin, TX<br><b>Compensation:</b> $21/hour<br><b>Hours:</b> 20 a week</p>", "T"
    )
    assert (br.facts.location, br.facts.salary, br.facts.details) == (
        "Austin, TX",
        "$21/hour",
        (("Hours", "20 a week"),),
    )


def test_one_labelled_line_inside_the_text_stays_text() -> None:
    cleaned = clean_html("<p>We build roads.</p><p>Location: Hybrid, three days in the office.</p>", "T")
    assert cleaned.facts.location is None
    assert texts(cleaned.sections[0])[1] == "Location: Hybrid, three days in the office."


def test_a_glued_contact_block_is_one_item_per_label() -> None:
    html = (
        "<p>For further details / informal visits contact:</p>"
        "<p>NameJane DoeJob titleEstates officerEmail addressjane.doe@nhs.netTelephone number01205 445235</p>"
    )
    (section,) = clean_html(html, "T").sections
    assert section.heading == "For further details / informal visits contact"
    assert lists(section) == [
        [
            "Name: Jane Doe",
            "Job title: Estates officer",
            "Email address: jane.doe@nhs.net",
            "Telephone number: 01205 445235",
        ]
    ]


# Whole saved pages.

SAVED_PAGE = """<!DOCTYPE html><html><head><title>Nurse | Acme Careers</title>
<script>window.tracking = "Apply now";</script>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebPage", "name": "Careers"},
 {"@type": "JobPosting", "title": "Night Nurse", "datePosted": "2026-11-01T09:00:00Z",
  "validThrough": "2027-01-31", "employmentType": ["FULL_TIME"],
  "hiringOrganization": {"@type": "Organization", "name": "Acme Health"},
  "jobLocation": {"@type": "Place", "address": {"addressLocality": "Leeds", "addressCountry": "GB"}},
  "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
                 "value": {"@type": "QuantitativeValue", "minValue": 30000, "maxValue": 34000,
                           "unitText": "YEAR"}},
  "identifier": {"@type": "PropertyValue", "value": "N-42"}, "url": "https://jobs.acme.example/n-42",
  "description": "&lt;p&gt;Care for patients at night.&lt;/p&gt;&lt;h3&gt;Requirements&lt;/h3&gt;\\n\
&lt;ul&gt;&lt;li&gt;NMC registration&lt;/li&gt;&lt;/ul&gt;"}]}
</script></head>
<body><nav><a href="/">Home</a> Jobs</nav><h1>Night Nurse</h1>
<div id="jobDescriptionText"><p>Care for patients at night.</p></div>
<footer>© Acme · Privacy · Cookies</footer></body></html>"""


def test_a_saved_page_is_read_for_its_json_ld_job_posting() -> None:
    cleaned = clean_html(SAVED_PAGE)
    assert cleaned.title == "Night Nurse"
    assert outline(cleaned) == [(None, "summary"), ("Requirements", "requirements")]
    assert lists(cleaned.sections[1]) == [["NMC registration"]]
    facts = cleaned.facts
    assert (facts.company, facts.location, facts.employment_type) == ("Acme Health", "Leeds, GB", "FULL_TIME")
    assert (facts.date_posted, facts.valid_through, facts.reference) == (
        "2026-11-01T09:00:00Z",
        "2027-01-31",
        "N-42",
    )
    assert (facts.salary, facts.apply_url) == (
        "GBP 30,000 – 34,000 per year",
        "https://jobs.acme.example/n-42",
    )


def test_a_saved_page_without_json_ld_is_its_description_container_without_furniture() -> None:
    page = re.sub(r'<script type="application/ld\+json">.*?</script>', "", SAVED_PAGE, flags=re.S)
    page = page.replace(
        "</div>", "<p>Night shifts, four a week, at the Leeds General Infirmary ward 12.</p></div>"
    )
    cleaned = clean_html(page)
    assert cleaned.title == "Night Nurse"
    assert [texts(s) for s in cleaned.sections] == [
        ["Care for patients at night.", "Night shifts, four a week, at the Leeds General Infirmary ward 12."]
    ]


PROSE = (
    "Responsible for safe, accurate and efficient receiving and stocking of freight, greeting every "
    "customer in a friendly manner and keeping the aisles clear, clean and safe through each and every night."
)
KENEXA_PAGE = (
    "HTTP/1.1 200 OK\r\nContent-Type: text/html; Charset=UTF-8\r\nSet-Cookie: s=1; path=/\r\n\r\n"
    + "<script>var x = 1;</script>\n" * 3
    + "<html><head><title>Acme Inc - Job details</title></head><body><form name='main'>"
    "<div><a href='/a'>Hjem</a> <a href='/b'>Ledige stillinger</a> <a href='/c'>Om os</a></div>"
    "<table><tr><td>Job Posting Title</td><td>Night Stocker</td></tr>"
    "<tr><td>Job ID</td><td>10231BR</td></tr><tr><td>Location #</td><td>1034</td></tr>"
    "<tr><td>Location Name</td><td>Brande, Denmark</td></tr>"
    f"<tr><td>Job Description</td><td>Position Description<br><br>{PROSE}<br><br>Job Requirements<br><br>"
    "Move objects up to 50 pounds with or without reasonable accommodation. Read and write English "
    "well enough to follow every safety sign and label in the store.</td></tr></table>"
    "<div><h3>Lignende job</h3><ul><li><a href='/j/1'>Kasserer</a></li>"
    "<li><a href='/j/2'>Lagermedarbejder</a></li><li><a href='/j/3'>Chauffør</a></li></ul></div>"
    "</form></body></html>"
)


def test_a_page_saved_with_its_http_headers_in_one_form_is_read_without_its_furniture() -> None:
    cleaned = clean_html(KENEXA_PAGE)
    assert cleaned.title == "Night Stocker"  # the field table's title, not the <title>'s site name
    assert (cleaned.facts.reference, cleaned.facts.location) == ("10231BR", "Brande, Denmark")
    headings = [s.heading for s in cleaned.sections]
    assert "Position Description" in headings and "Job Requirements" in headings
    assert cleaned.sections[-1].kind == "requirements"  # "with reasonable accommodation" is no notice
    kept = " ".join(kept_words(cleaned))
    for furniture in ("http", "cookie", "hjem", "ledige", "lignende", "kasserer", "chauff"):
        assert furniture not in kept


def test_a_form_that_holds_no_prose_is_dropped_and_one_that_holds_the_posting_is_read() -> None:
    form = "<form><label>Email</label><input name=e><button>Send</button></form>"
    assert kept_words(clean_html(f"<p>Drive a van.</p>{form}", "Driver")) == ["driver", "drive", "a", "van"]
    cleaned = clean_html(f"<form><p>{PROSE}</p></form>", "Stocker")
    assert texts(cleaned.sections[0]) == [PROSE]


def test_a_saved_page_without_a_container_loses_its_navigation_scripts_and_footer() -> None:
    page = "<html><head><title>Chef</title></head><body><nav>Home Jobs</nav><header>Acme</header>"
    page += "<main><p>Cook lunch for two hundred.</p></main><footer>Privacy</footer>"
    page += "<script>x()</script></body></html>"
    cleaned = clean_html(page)
    assert cleaned.title == "Chef"
    assert [texts(s) for s in cleaned.sections] == [["Cook lunch for two hundred."]]


def test_the_sites_rules_drop_elements_and_pick_the_description() -> None:
    html = (
        '<h2>Welder</h2><div class="share-buttons">Share on Facebook</div>'
        '<div id="desc"><p>Weld frames.</p></div>'
        '<div id="similar-jobs"><p>Painter</p></div>'
    )
    rules = CleanRules(drop=(".share-buttons", "#similar-jobs"))
    assert [texts(s) for s in clean_html(html, rules=rules).sections] == [["Weld frames."]]
    picked = clean_html(html, rules=CleanRules(description="#desc"))
    assert picked.title == "Welder" and [texts(s) for s in picked.sections] == [["Weld frames."]]


# The opening and boilerplate.


def test_the_company_opening_is_a_company_section_and_about_acme_is_the_company() -> None:
    html = (
        "<p>Acme Robotics is a growing company that builds welding robots for car plants.</p>"
        "<p>As our Service Technician you will keep those robots running.</p>"
        "<p><b>About Acme:</b></p><p>Founded in 1990 in Ohio.</p>"
    )
    assert outline(clean_html(html, "Service Technician")) == [
        (None, "company"),
        (None, "summary"),
        ("About Acme", "company"),
    ]


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Acme is an equal opportunity employer and does not discriminate on the basis of race.",
        "We will provide reasonable accommodations to qualified individuals with disabilities.",
        "Beware of fraudulent recruiters: we never ask you for payment or bank details by email.",
        "To request removal of your personal information from our systems, email privacy@acme.example.",
        "The pay range for this role is $60,000 to $70,000; actual compensation will be determined "
        "by experience.",
        "Acme participates in E-Verify.",
    ],
)
def test_boilerplate_in_the_text_gets_its_own_untagged_section(boilerplate: str) -> None:
    html = f"<h3>Requirements</h3><ul><li>Two years of Python</li></ul><p>{boilerplate}</p>"
    assert outline(clean_html(html, "T")) == [("Requirements", "requirements"), (None, "equal_opportunity")]
    flattened = clean_html(f"Requirements Two years of Python. {boilerplate}\n\nMore text.", "T")
    assert "equal_opportunity" in [s.kind for s in flattened.sections]


def test_nothing_visible_is_lost_but_furniture_and_hashtags() -> None:
    # What is not in a section is a fact, shown under the site's own label ("Reference").
    flattened = clean_html(FLATTENED)
    assert kept_words(flattened) + words(flattened.facts.reference or "") == words(
        FLATTENED.replace("Job Requisition ID # R-1234 ", "") + " R-1234"
    )
    markers = r"<[^>]+>|[•\-]|^\d[.)] "  # tags, bullets and numbers, which lists show as lists
    text = clean_html(TEXT_IN_A_DIV + "<p>#hiring #LI-Remote</p><p>Share this job</p>")
    assert kept_words(text) == words(re.sub(markers, " ", TEXT_IN_A_DIV, flags=re.MULTILINE))


def test_group_labels_in_nested_lists_are_sub_headings_of_their_parents_kind() -> None:
    html = (
        "<h2>What You'll Do</h2><ul><li><p><strong>Treasury Operations</strong></p>"
        "<ul><li>Manage daily cash needs</li><li>Forecast liquidity</li></ul></li>"
        "<li><p><strong>Banking</strong></p><ul><li>Track bank fees</li></ul></li></ul>"
    )
    cleaned = clean_html(html, "Director, Treasury")
    assert outline(cleaned) == [
        ("What You'll Do", "responsibilities"),
        ("Treasury Operations", "responsibilities"),
        ("Banking", "responsibilities"),
    ]
    assert lists(cleaned.sections[1]) == [["Manage daily cash needs", "Forecast liquidity"]]


def test_a_list_that_swallowed_the_rest_of_the_posting_gives_it_back() -> None:
    html = (
        "<ul><li>Free parking</li><li><p><b>Stakeholder pension</b></p><p><b>Who are we?</b></p>"
        "<p>We are the staff bank of the NHS.</p></li></ul>"
    )
    cleaned = clean_html(html, "Porter")
    assert outline(cleaned) == [(None, "summary"), ("Who are we?", "company")]
    assert lists(cleaned.sections[0]) == [["Free parking", "Stakeholder pension"]]
    assert isinstance(cleaned.sections[1].blocks[0], Paragraph)


HEADING_KINDS = read_tsv("heading_kinds.tsv")


@pytest.mark.parametrize("row", HEADING_KINDS, ids=lambda row: row["heading"])
def test_real_headings_get_the_kind_a_reader_gives_them(row: dict[str, str]) -> None:
    assert heading_kind(row["heading"]) == row["kind"]


def test_a_notice_after_a_benefits_list_or_ending_a_flattened_paragraph_has_a_section_of_its_own() -> None:
    cleaned = clean_html(
        "<h3>Benefits</h3><ul><li>Health insurance</li><li>Paid leave</li></ul>"
        "<p>Acme is an equal opportunity employer and does not discriminate on the basis of race.</p>"
        "<h3>Requirements</h3><p>Two years of testing in a CLIA lab and a current state licence to work in "
        "a laboratory. Acme is an Equal Opportunity/Affirmative Action employer.</p>"
        "<ul><li>Read chromatograms</li></ul>",
        "Scientist",
    )
    assert outline(cleaned) == [
        ("Benefits", "benefits"),
        (None, "equal_opportunity"),
        ("Requirements", "requirements"),
        (None, "equal_opportunity"),
        (None, "requirements"),
    ]
    assert texts(cleaned.sections[2]) == [
        "Two years of testing in a CLIA lab and a current state licence to work in a laboratory."
    ]
    assert lists(cleaned.sections[4]) == [["Read chromatograms"]]


def test_a_place_stated_on_a_line_of_its_own_is_the_postings_location() -> None:
    page = (
        "<html><head><title>Lagermedarbejder - Jobs</title></head><body><nav><a href='/'>Forside</a>"
        "<a href='/job'>Job</a><a href='/om'>Om os</a></nav><main><h1>Lagermedarbejder</h1>"
        "<p>Brande, Danmark</p><h2>Om jobbet</h2><p>Vi søger en kollega til vores lager i Brande, som kan "
        "pakke ordrer, køre truck og holde orden på hylderne hver eneste dag.</p></main></body></html>"
    )
    cleaned = clean_html(page)
    assert cleaned.facts.location == "Brande, Danmark"
    assert "Brande, Danmark" not in [t for s in cleaned.sections for t in texts(s)]
