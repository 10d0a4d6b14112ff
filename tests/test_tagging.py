"""Tagging, first version: skills from the vocabulary, experience years mapped to levels."""

from __future__ import annotations

import pytest

from careers.model import Paragraph, Run, Section, SkillTag
from careers.posting.clean import clean_html
from careers.posting.tagging.tag import decide_level, extract_experience, extract_skills, load_vocabulary

from .conftest import SEEDS

VOCAB = load_vocabulary()


def skills(html: str) -> dict[str, bool]:
    return {t.name: t.required for t in extract_skills(clean_html(html, "T").sections, VOCAB)}


def test_aliases_are_one_tag_and_longest_match_wins() -> None:
    found = skills("<ul><li>Salesforce.com and SFDC</li><li>Salesforce CRM daily</li></ul>")
    assert found == {"Salesforce": True}


def test_case_sensitive_product_names() -> None:
    assert skills("<p>You excel at traveling and word of mouth.</p>") == {}
    assert skills("<p>Proficient with Microsoft Word, Excel and Outlook.</p>") == {
        "Microsoft Excel": True,
        "Microsoft Outlook": True,
        "Microsoft Word": True,
    }


def test_preferred_by_section_or_clause() -> None:
    found = skills(
        "<p><b>Requirements</b></p><ul><li>SQL</li><li>Python a plus</li></ul>"
        "<p><b>Nice to have</b></p><ul><li>Salesforce</li></ul>"
    )
    assert found == {"SQL": True, "Python": False, "Salesforce": False}


def test_networking_events_are_not_computer_networking() -> None:
    assert "Computer Networking" not in skills("<p>Attending networking events and conferences.</p>")


SEED_LEVELS = ["associate", "entry", "associate", "associate", "associate"]


@pytest.mark.parametrize(
    ("seed", "level"), list(zip(SEEDS, SEED_LEVELS, strict=True)), ids=lambda v: getattr(v, "name", v)
)
def test_seed_levels(seed, level: str) -> None:
    cleaned = clean_html(seed.read_text(encoding="utf-8"))
    assert extract_experience(cleaned.title or "", cleaned.sections).level == level


@pytest.mark.parametrize(
    ("title", "months", "level"),
    [
        ("Sales Intern", 0, "internship"),
        ("Director of Sales", 36, "director"),
        ("Senior Account Manager", 24, "mid_senior"),
        ("Account Manager", None, None),
        ("Lead Generation Specialist", 12, "entry"),
        ("Funeral Director", 24, "associate"),
    ],
)
def test_level_from_title_and_months(title: str, months: int | None, level: str | None) -> None:
    assert decide_level(title, months) == level


def test_programming_language_marks_and_dots() -> None:
    found = skills("<p>Experience with C++, C#, .NET, ASP.NET MVC and Node.js required.</p>")
    assert set(found) == {"C++", "C#", ".NET", "ASP.NET", "Node.js"}


def test_ambiguous_terms_need_context() -> None:
    assert "Go" not in skills("<p>Go above and beyond for our customers. Go-to-market plans.</p>")
    assert "Go" in skills("<p>Backend services in Go and Python.</p>")
    assert "Computer Networking" in skills("<p>Networking skills: TCP/IP, routing and switching.</p>")
    assert "Leadership" not in skills("<p>Report to the leadership team.</p>")


def test_normalized_text_is_matched() -> None:
    found = skills(
        "<p>3\u20135 years\u2019 experience with Microsoft\u00a0Excel and e\u2011mail marketing</p>"
    )
    assert "Microsoft Excel" in found


def test_each_skill_keeps_its_words_and_phrase() -> None:
    sections = clean_html("<ul><li>Experience with SFDC; Python is a plus.</li></ul>", "T").sections
    tags = {t.name: t for t in extract_skills(sections, VOCAB)}
    assert (tags["Salesforce"].term, tags["Salesforce"].phrase) == ("SFDC", "Experience with SFDC")
    assert tags["Salesforce"].required and not tags["Python"].required


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_seed_tags_a_recruiter_would_not_call_wrong(seed) -> None:
    cleaned = clean_html(seed.read_text(encoding="utf-8"))
    tags = extract_skills(cleaned.sections, VOCAB)
    by_name = {t.name: t for t in tags}
    assert all("excel at" not in t.term.lower() for t in tags)
    if "Microsoft Excel" in by_name:
        assert "excel at" not in by_name["Microsoft Excel"].phrase.lower()
    networking = by_name.get("Computer Networking")
    assert networking is None or "networking events" not in networking.phrase
    assert "Leadership" not in by_name or "leadership team" not in by_name["Leadership"].phrase


def tags(html: str) -> dict[str, SkillTag]:
    return {t.name: t for t in extract_skills(clean_html(html, "T").sections, VOCAB)}


@pytest.mark.parametrize(
    ("term", "asked", "not_asked"),
    [
        ("R", "Modelling in R and Python.", "The R&D team; Acme(R) products."),
        ("Go", "Backend services in Go and Python.", "Go above and beyond. Go-to-market plans."),
        ("C", "Firmware in C for embedded devices.", "The E.C.S. analyst will review a C-suite deck."),
        ("Dart", "Mobile apps in Dart and Flutter.", "A darts league on Fridays. Dart to the shop."),
        ("Swift", "iOS apps in Swift.", "A swift response to every customer."),
        ("Spring Framework", "Java services on Spring and Kubernetes.", "Spring is our busy season."),
        ("Chef", "Infrastructure automation with Chef and Ansible.", "Our Chef prepares fresh meals daily."),
        ("Puppet", "Configuration management with Puppet.", "A puppet show for the children."),
        ("Microsoft Access", "Reports built in Access databases.", "Access to our gym and parking."),
    ],
)
def test_ambiguous_short_names_need_context(term: str, asked: str, not_asked: str) -> None:
    assert term in skills(f"<p>{asked}</p>")
    assert term not in skills(f"<p>{not_asked}</p>")


def test_plurals_are_the_same_skill() -> None:
    found = skills("<ul><li>Operate pallet jacks and forklifts</li><li>Follow SOPs</li></ul>")
    assert {"Pallet Jack", "Forklift", "SOPs"} <= set(found)


def test_verbs_and_duties_make_no_soft_skill() -> None:
    # "collaborate with", "communicate with" are duties; a skill is named when it is asked for.
    assert skills("<p><b>Responsibilities</b></p><ul><li>Collaborate with the team and "
                  "communicate with customers</li></ul>") == {}  # fmt: skip
    found = tags("<p><b>Requirements</b></p><ul><li>Excellent communication skills</li></ul>")
    assert found["Communication Skills"].reason == "asked for in 'Requirements'"


def test_a_duty_is_not_a_skill_but_a_named_requirement_is() -> None:
    assert "Project Management" not in skills("<p>You will manage projects end to end.</p>")
    assert "Project Management" in skills("<p>Project management experience is essential.</p>")


def test_benefits_and_the_employer_are_never_read() -> None:
    found = skills(
        "<p><b>What we offer</b></p><ul><li>Mentorship, coaching and a pension scheme</li></ul>"
        "<p><b>About Acme</b></p><p>Acme manufactures personal care products.</p>"
        "<p><b>In return we will offer</b></p><p>Childcare vouchers and free parking.</p>"
    )
    assert found == {}


def test_the_employer_speaking_of_itself_names_only_its_technology() -> None:
    found = skills("<p>We specialise in manufacturing and supply chain services. Our stack is Go, "
                   "Kubernetes and PostgreSQL.</p>")  # fmt: skip
    assert {"Go", "Kubernetes", "PostgreSQL"} <= set(found)
    assert not {"Manufacturing Operations", "Supply Chain Management (SCM)"} & set(found)


def test_teams_to_work_with_and_degree_subjects_are_not_skills() -> None:
    found = skills(
        "<ul><li>Partner closely with Finance, Accounting and Marketing</li>"
        "<li>Support the Customer Success team</li>"
        "<li>Bachelor's degree in Chemistry, Finance or a related field</li></ul>"
    )
    assert not {"Accounting", "Customer Success", "Chemistry", "Financial Analysis"} & set(found)
    # A product's one-word name after "with" is a tool to work with, not a team; a discipline's
    # name still may be one ("partner with Product and Data Science").
    tools = skills(
        "<p><b>Requirements</b></p><ul><li>Experience collaborating on code with Git and GitHub</li>"
        "<li>Partner with Product and Data Science on experiments</li></ul>"
    )
    assert {"Git", "GitHub"} <= set(tools) and "Data Science" not in tools


def test_clauses_about_applying_name_no_skill() -> None:
    found = skills("<p>Interviews will be held via Microsoft Teams. Applicants must be U.S. persons "
                   "as defined by ITAR.</p>")  # fmt: skip
    assert found == {}


def test_an_unsplit_posting_is_read_whatever_its_boilerplate() -> None:
    # Flattened text the cleaner leaves as one section, classified by the EEO line it ends with.
    body = ("Requirements Experience with SQL and Tableau, and a valid driving licence. " * 30
            + "We are an equal opportunity employer.")  # fmt: skip
    sections = (Section(None, "equal_opportunity", (Paragraph((Run(body),)),)),)
    assert {"SQL", "Tableau", "Driver's Licence"} <= {t.name for t in extract_skills(sections, VOCAB)}


def test_each_tag_says_why_it_was_kept() -> None:
    found = tags("<p><b>Essential</b></p><ul><li>Backend services in Go and Python</li></ul>")
    assert found["Python"].reason == "named in 'Essential'"
    assert found["Go"].reason == "named in 'Essential', with 'backend'"


def test_teams_people_and_counted_objects_of_the_work_are_not_skills() -> None:
    found = skills(
        "<p><b>Responsibilities</b></p><ul>"
        "<li>Work closely with leadership, engineering and business development teams</li>"
        "<li>Work with the photography, content and marketing team</li>"
        "<li>You will work closely with our dispatchers and our data science team</li>"
        "<li>Plan 300 delivery routes a night</li></ul>"
    )
    assert not {
        "Business Development",
        "Photography",
        "Dispatching",
        "Data Science",
        "Delivery Driving",
    } & set(found)
    kept = skills("<p><b>Requirements</b></p><ul><li>Familiar with ISO 13485, ISO 14971 and 21 CFR part "
                  "11</li><li>Experience helping people with eating disorders</li></ul>")  # fmt: skip
    assert {"ISO 14971", "21 CFR Part 11", "Eating Disorders"} <= set(kept)


def test_subjects_of_study_and_lists_of_what_the_job_does_not_ask_are_not_skills() -> None:
    found = skills(
        "<p><b>Education</b></p><ul><li>Major(s) Preferred: Statistics, Computer Science or Math</li>"
        "<li>BS in a technical field (Computer Science, Statistics, Operations Research)</li></ul>"
        "<p><b>Not your tech stack? No problem</b></p><ul><li>Kotlin, Scala or Haskell</li></ul>"
    )
    assert not {"Statistics", "Computer Science", "Operations Research", "Kotlin", "Scala", "Haskell"} & set(
        found
    )


def test_a_guarded_name_takes_its_context_from_a_heading_that_labels_what_follows() -> None:
    assert "Sales" in skills("<p><b>Key Skills</b></p><ul><li>Sales acumen and persuasion</li></ul>")
    # A job board's field: "Languages" then the language, with no other word about it.
    assert "English" in skills("<h4>Languages</h4><p>English</p><h4>Education</h4><p>Bachelor's degree</p>")
    assert "French" in skills("<h4>Asset languages</h4><ul><li>French</li></ul>")
    # A heading that is a sentence says what the text is about, not what it names.
    assert "Sales" not in skills(
        "<p><b>What a typical day in this role looks like</b></p><ul><li>Guide Acme Sales efforts</li></ul>"
    )
    assert "English" not in skills("<h4>Our story</h4><p>English breakfast tea since 1890.</p>")


def test_a_paragraph_under_about_the_employer_that_speaks_to_the_candidate_is_read() -> None:
    # An informal post: "About Acme", then the job's own paragraphs with no heading of their own.
    found = skills(
        "<p>About Acme</p><p>Founded in 2024, our mission is to automate paperwork with Kubernetes.</p>"
        "<p>You'll own the product end to end with React and Python.</p><p>Stack: FastAPI, Postgres.</p>"
    )
    assert {"React", "Python", "FastAPI", "PostgreSQL"} <= set(found) and "Kubernetes" not in found


def test_the_application_process_and_what_an_employer_can_offer_are_not_read() -> None:
    found = skills(
        "<p><b>Selection process</b></p><p>Candidates may be examined on the use of hand tools.</p>"
        "<p><b>What Acme can offer you</b></p><p>Mental health counseling and mentorship.</p>"
        "<p><b>Notice</b></p><p>Ask about employee benefits before accepting.</p>"
    )
    assert found == {}


def test_preferably_ideally_and_a_part_with_its_own_subject_prefer_only_their_part() -> None:
    assert skills(
        "<ul><li>Experience with continuous integration tools, preferably Jenkins or TeamCity</li></ul>"
    ) == {
        "CI/CD": True,
        "Jenkins": False,
        "TeamCity": False,
    }
    assert skills("<ul><li>Strong SQL skills, Tableau is a plus</li></ul>") == {"SQL": True, "Tableau": False}
    assert skills("<ul><li>SQL, Python and Tableau preferred</li></ul>") == {
        "SQL": False,
        "Python": False,
        "Tableau": False,
    }


def test_an_ambiguous_name_is_read_in_the_postings_field() -> None:
    asks = "<p>Requirements</p><ul><li>Working knowledge of GCP</li></ul>"
    clinical, cloud = (
        asks + "<p>You will monitor clinical trials.</p>",
        asks + "<p>You will deploy our cloud.</p>",
    )
    google = "Google Cloud Platform (GCP)"
    assert "Good Clinical Practice" in skills(clinical) and google not in skills(clinical)
    assert google in skills(cloud) and "Good Clinical Practice" not in skills(cloud)
    assert skills("<p>Requirements</p><ul><li>Working knowledge of GCP</li></ul>") == {}


def test_a_guarded_name_that_is_a_whole_item_of_a_list_of_asks_is_asked_for() -> None:
    found = tags(
        "<p><b>Required qualifications</b></p><ul><li>Electronics</li><li>Forklift licence</li></ul>"
    )
    assert found["Electronics"].reason == "named in 'Required qualifications', as an item of its own"
    # In a duty, or with other words beside it, the name still needs its context.
    assert "Electronics" not in skills("<p><b>Responsibilities</b></p><ul><li>Electronics</li></ul>")
    assert "Electronics" not in skills("<p><b>Requirements</b></p><ul><li>Electronics retail hours</li></ul>")


def test_a_short_form_or_an_everyday_word_is_the_skill_only_in_its_field() -> None:
    asks = "<p><b>Requirements</b></p><ul><li>{}</li></ul>"
    assert "Experimental Design" not in skills(asks.format("Pay $14-20/hr DOE (depending on experience)"))
    assert "Experimental Design" in skills(asks.format("DOE and Minitab for process experiments"))
    assert "Cooking" not in skills(asks.format("Keep several projects cooking at one time"))
    assert "Cooking" in skills(asks.format("Cooking fresh meals in a busy kitchen"))
    assert "Infection Control" not in skills(asks.format("OS internals (threading, locking, IPC)"))
    assert "Infection Control" in skills(asks.format("IPC audits on the ward"))
    assert "Critical Care" not in skills(asks.format("Join ITU AbsorbTech's laundry team"))
    assert "Anthropic Claude" not in skills(asks.format("Used by Google, Stripe and Anthropic"))
    assert "Anthropic Claude" in skills(asks.format("LLM workflows with OpenAI or Anthropic/Claude"))


def test_the_kind_of_employer_is_not_a_skill() -> None:
    found = skills(
        "<h4>Work setting</h4><ul><li>Advertising, marketing and public relations agency</li>"
        "<li>Internet/Web services company</li></ul>"
        "<p><b>Requirements</b></p><ul><li>Knowledge of employment law and company policies</li></ul>"
    )
    assert not {"Public Relations", "Web Services"} & set(found)
    assert "Employment Law" in found


def test_sales_written_in_lower_case_is_the_skill_with_a_word_about_it() -> None:
    asks = "<p><b>Requirements</b></p><ul><li>{}</li></ul>"
    assert "Sales" in skills(asks.format("A track record of successful sales, preferably in estate agency"))
    assert "Sales" in skills(asks.format("Two years in sales with a monthly quota"))
    assert "Sales" not in skills(asks.format("Collect sales tax on every order"))
    assert "Sales" not in skills("<p><b>Responsibilities</b></p><ul><li>Support our sales team</li></ul>")
