"""The words postings title their sections with, as data: each kind's cues and the heading phrases."""

from __future__ import annotations

from careers.model import SectionKind

# What a heading says about its section: tried in order, first match wins. "Preferred Job
# Qualifications" is preferred before it is a qualification, "Position benefits" is benefits
# before it is about the position, "About you" asks of the candidate before "About Acme" is
# the company. Regular expressions, matched anywhere in the heading, ignoring case.
# fmt: off
HEADING_KINDS: tuple[tuple[SectionKind, tuple[str, ...]], ...] = (
    ("equal_opportunity", (
        r"equal (employment )?opportunit", r"\beeo\b", "affirmative action", "non-?discrimination",
        r"\bdiversity\b", r"\binclusion\b", "belonging", "accommodation", "privacy", "fraud", r"\bscams?\b",
        "disclaimer", "recruit(ment|ing) agenc", "e-?verify", "attention (all )?(job seekers|applicants)",
        "safeguarding", "legal and compliance", "right to work", "work authori[sz]ation",
        "anonymous shortlisting",
    )),
    ("preferred", (
        "prefer", "desir", "nice[ -]to[ -]haves?", "bonus points", "stand out", r"\bplus\b", "would be great",
        "extra credit", "sets? you apart", "ideally",
    )),
    ("benefits", (
        "benefit", "perks", "we offer", "compensation", "remuneration", "salary", r"\bpay\b", "rewards",
        r"why (join|work)",
        "bonus",
        "in return", "offer(s|ed)? to you", "we can offer", "can offer you", "what you('ll| will) get",
        r"what('s| is) in it for you", "package",
    )),
    ("summary", (
        "about (the|this) (role|job|position|opportunity)",
        "(role|job|position) (summary|overview|description|purpose|outline|profile)",
        "summary", "overview", "at a glance", "purpose",
    )),
    ("requirements", (
        r"about (you|the candidate)\b", "who you are", "person spec", "you('ll)? thrive", "need from you",
        "what we need", "^you$", "^do you",
    )),
    ("company", (
        "about (us|the company|our company)", "our (company|mission|culture|story|team|values|area)",
        "who we are", "company", r"^about \w", r"^why \w+( exists)?\??$", "what we do", "core values",
        "values", "facts about", "living (here|in)", "location", "^join", r"^why (come|choose)\b",
        "learn more about", r"^who (are|is) (?!you\b|we looking\b)[\w&.' -]{1,40}\??$",
    )),
    ("requirements", (
        "require", "qualifica", "must[ -]have", "skills", "criteria", r"^essential( requ\w*)?$",
        "what you('ll| will)? (bring|need|have)", "you('ll| will) need", "you (should )?have",
        "keys? (to|for) success", "candidate", "education", "experience", "competenc", "eligib",
        "looking for", "ideal", "knowledge", "abilities", "attributes", "mentality", "need to succeed",
        "certificat", "licen[cs]",
    )),
    ("responsibilities", (
        "responsib", "dut(y|ies)", "what you('ll| will) (do|be doing)", "day[ -]to[ -]day", "accountab",
        "impact", "tasks", "functions", "the work", "your role", "in this role", "you will$",
        "key results?", "activities", "typical day", "day in the life", "you should expect",
        "how you('ll| will) contribute", "main (purpose|areas)",
    )),
    ("summary", (
        "highlights", "introduction", "the (role|opportunity|position)", "description", "outline",
        "opportunity",
    )),
)

# A heading phrase, whole: up to three modifiers, a head noun (or two joined by "and", "&",
# "/"), and a tail. "Required Skills" and "Key Responsibilities include" are headings;
# "Excellent customer service skills" is not. The nouns include what schema.org's JobPosting
# names a posting's parts (securityClearanceRequirement, specialCommitments,
# incentiveCompensation, sensoryRequirement, physicalRequirement): "Clearance", "Special
# Commitments", "Incentives", "Sensory Requirements", "Travel Requirements".
MODIFIERS = """
    key main core essential primary principal major job position role minimum basic required preferred
    desired desirable additional technical physical general other special specific educational
    professional personal your our the what this learning clinical operational qualifications skills
    experience education knowledge detailed security sensory travel
""".split()
NOUNS = r"""
    responsibilit(y|ies) duties duty qualifications? requirements? requirement skills? experience
    education benefits? perks compensation summary overview description purpose criteria
    competenc(y|ies) attributes knowledge abilities expectations tasks functions accountabilities
    specification profile eligibility training certifications? licen[cs](e|es|ure) salary pay rewards
    schedule hours location environment conditions highlights values mission culture outline demands
    remuneration procedures? instructions story clearance commitments incentives
""".split()
TAILS = (
    r"include|includes|will include|may include|required|requested|needed",
    r"of the (role|job|post|position)", r"for (the|this) (role|job|post|position)", r"\(.*\)",
)
# Whole phrases besides: regular expressions, ignoring case.
PHRASES = (
    r"about (us|you|the (role|job|position|team|company|candidate|location|opportunity))",
    r"about this (role|job|opportunity)", r"about [\w&.' -]{2,40}", r"(the )?role at a glance",
    r"at a glance", r"the (role|opportunity|position|company|team)",
    r"what (you('ll| will)|we('ll| will)) (do|bring|need|get|have|offer|be doing|learn)",
    r"what we('re| are) looking for", r"what we offer", r"what you bring( to (the|our) team)?",
    r"who (are we|we are) looking for", r"must[- ]haves?", r"our story", r"bonus points( for)?",
    r"what you need( for this (position|role|job))?",
    r"who you are", r"who we are", r"what we do", r"why (join|work (for|with|at)) [\w&.' -]{1,30}\??",
    r"why join us\??", r"why [\w.-]+\??", r"nice to haves?", r"a day in the life", r"how to apply",
    r"person specification", r"essential( criteria)?", r"desirable( criteria)?", r"(our|the) offer( to you)?",
    r"in return", r"what we can offer( you)?",
    r"(equal (employment )?opportunit(y|ies)|eeo)( statement| employer)?",
    r"diversity (&|and) (belonging|inclusion)", r"(salary|pay) transparency",
    r"benefits (&|and) (compensation|perks)", r"compensation (&|and) benefits", r"(total )?rewards",
    r"(u\.?s\.? )?work authori[sz]ation( (&|and) sponsorship)?", r"learn more about [\w&.' -]{2,30}",
    r"technolog(y|ies) (in use|we use|stack)|(our )?tech(nology)? stack", r"next steps", r"more information",
    r"further (information|details|particulars)", r"additional information", r"other information",
    r"job description",
    r"responsibilities (may|will) include the following( and other duties may be assigned)?",
    r"you('ll| will)", r"you (should )?have", r"day-to-day", r"(your|the) impact", r"(our )?core values",
    r"working (conditions|hours|pattern)( and physical effort)?",
    r"work (pattern|environment|location|schedule)",
    r"(what )?(a )?typical day( in (this|the) role)?( looks like)?", r"[\w&]+ careers",
    r"careers at [\w&.' -]{2,30}",
)
# Words the phrases above start with, besides modifiers and nouns: flattened text is searched
# for inline headings only at these.
FIRST_WORDS = r"""
    about what who why nice a how person in equal eeo diversity total u\.?s\.? work working learn
    technolog(y|ies) tech next more further additional other you('ll)? day-to-day core must sales life
    careers join bonus
""".split()
# fmt: on
