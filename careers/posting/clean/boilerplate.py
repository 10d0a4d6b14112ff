"""Text that is not the job: employers' boilerplate, company openings and job-board furniture."""

from __future__ import annotations

import re

from careers.model import Run

# Equal opportunity, privacy notices, fraud warnings, accommodation requests and pay-transparency
# disclaimers: said in every posting of an employer, about no job in particular, never tagged.
BOILERPLATE = re.compile(
    r"equal (employment )?opportunit|affirmative action|"
    r"without regard to (their |an individual's )?(race|colou?r|religion|sex|age|national origin)|"
    r"regardless of (their )?(age|race|colou?r|religion|sex|gender|national origin)|"
    r"\bEEO\b|Minorities/Females/Disabled/Veterans|discriminat(e|ion) (on the basis|against)|"
    r"protected (veteran|characteristic|by (applicable |federal |state )*law)|"
    # (not "lift 50 lb with or without reasonable accommodation": a physical requirement's qualifier)
    r"(?<!with )(?<!without )reasonable (accommodation|adjustment)s?|request an accommodation|"
    r"disability confident|"
    r"(privacy (notice|policy|statement)|personal (data|information)) (we|is|will|to|from|here|for|about)|"
    r"candidate privacy|to request removal of your personal|"
    r"(fraud(ulent)?|scam(s|mers)?|phishing)\b.{0,80}\b(recruit|offer|job|applicant|candidate|email|message)|"
    r"never (ask|request) (you )?(for )?(payment|money|bank)|"
    r"e-?verify|"
    r"(pay|salary) (range|transparency)\b.{0,120}\b(may|will) (vary|depend|be determined)|"
    r"(actual|final|individual) (compensation|pay|salary|base pay)\b.{0,80}\b(determined|vary|depend|based)|"
    r"(unsolicited|do not accept) (resumes|cvs|applications) from (recruit|agenc|search)|"
    r"recruitment agenc(y|ies)\b.{0,80}\b(not|unsolicited)",
    re.IGNORECASE,
)

# Words of other text before a notice in one paragraph that make it two: the text, then the notice.
NOTICE_AFTER_WORDS = 12

# A company describing itself, at the start of a posting: the opening is about the employer.
_COMPANY_OPENING = re.compile(
    r"^(at [A-Z][\w&.' -]{1,40}, we\b|we are (a|an|the)\b|we're (a|an|the)\b|founded in\b|since \d{4}\b|"
    r"our (mission|company|vision|story|purpose)\b|"
    r"[A-Z][\w&.,'’ ()-]{1,80}? (is|are) (a|an|the|one of the|positively|transforming|on a mission|"
    r"committed|dedicated|proud|building|revolutionizing|redefining|reinventing)\b|"
    r"[A-Z][\w&.,'’ ()-]{1,80}? (was founded|has been|provides|delivers|builds|develops|specializes|"
    r"specialises|operates|helps|exists)\b|for more than \d+ years)",
    re.IGNORECASE,
)
_ABOUT_THE_JOB = re.compile(
    r"\b(this|the|our) (role|position|job|post|vacancy|opening)\b|\byou will\b|\byou'll\b|"
    r"\b(we are|we're) (looking|seeking|hiring|recruiting) (for )?(a|an)\b|successful (candidate|applicant)|"
    r"\bjoin (us|our \w+ team) as\b|\bresponsib",
    re.IGNORECASE,
)

# Job-board page furniture: the whole line is one of these.
_FURNITURE_LINE = re.compile(
    r"(similar|related|recommended|more|other) jobs( for you| you may like)?|jobs you may like|"
    r"people also viewed|share( this)?( job| posting| position)?( on \w+)?|tweet|pin it|"
    r"print( this)?( job)?|email (this )?(job|(details )?to a friend)|apply( now| here| today| online)?|"
    r"apply for this (job|position|role)|easy apply|i'?m interested|save( this)?( job)?|saved|"
    r"report( this)?( job)?|back to (search|jobs|results|top)|view all (jobs|openings)|"
    r"see all (jobs|openings)|(go )?back|follow us( on \w+)?|"
    r"(facebook|twitter|linkedin|instagram|youtube|whatsapp|xing|glassdoor)|"
    r"show (more|less)|read more|see more|copy link|job alert|create (a )?job alert|"
    r"view (previous|next) (list|job|posting)",
    re.IGNORECASE,
)
_COOKIE = re.compile(
    r"\bcookies?\b.{0,200}\b(accept|consent|agree|settings|preferences|reject)\b", re.IGNORECASE
)
FURNITURE_HEADING = re.compile(
    r"(similar|related|recommended|more|other|latest) (jobs|openings|positions|vacancies)( for you)?|"
    r"jobs you may (also )?like|people also viewed|you may also like",
    re.IGNORECASE,
)
# Job boards and applicant tracking systems: a link to one, in a posting, is the board's furniture.
_BOARD_HOSTS = re.compile(
    r"^https?://([\w-]+\.)*(greenhouse\.io|lever\.co|workable\.com|myworkdayjobs\.com|smartrecruiters\.com|"
    r"ashbyhq\.com|icims\.com|jobvite\.com|bamboohr\.com|recruitee\.com|breezy\.hr|applytojob\.com|"
    r"jazzhr\.com|teamtailor\.com|personio\.(?:de|com)|indeed\.com|glassdoor\.com)(/|$)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r" ?[·|•] ?")  # white space in a line's text is single spaces
FURNITURE_AROUND_WORDS = 3  # words outside the links of a board's line ("Powered by")
FURNITURE_LINE_WORDS = 10  # a board's line of links is at most this long
_SOCIAL_HOSTS = re.compile(
    r"^https?://([\w-]+\.)*(facebook|twitter|x|linkedin|instagram|youtube|pinterest|tiktok|xing|whatsapp)\.com/",
    re.IGNORECASE,
)


# One of these is in every text BOILERPLATE matches: a cheap test before the costly one.
_CUES = (
    "opportunit", "affirmative", "regard", "eeo", "minorities", "discriminat", "protected", "accommodat",
    "adjustment", "disability", "privacy", "personal", "fraud", "scam", "phishing", "never", "verify",
    "transparency", "compensation", "pay", "salary", "unsolicited", "do not accept", "agenc",
)  # fmt: skip


def is_boilerplate(text: str) -> bool:
    lower = text.lower()
    return any(cue in lower for cue in _CUES) and bool(BOILERPLATE.search(text))


def notice_start(text: str) -> int:
    """Where the notice starts in a paragraph that holds one: the start of the sentence it is in
    when the text before it says something else (a flattened posting ending in its EEO line)."""
    found = BOILERPLATE.search(text)
    if found is None:
        return 0
    start = max(text.rfind(end, 0, found.start()) for end in (". ", "! ", "? ", "; ")) + 2
    return start if start > 1 and len(text[:start].split()) >= NOTICE_AFTER_WORDS else 0


def is_company_opening(text: str) -> bool:
    """Whether a paragraph at the start of a posting is the employer introducing itself."""
    return bool(_COMPANY_OPENING.match(text)) and not _ABOUT_THE_JOB.search(text)


def is_furniture(runs: tuple[Run, ...], text: str) -> bool:
    """Whether a line (its runs and their text) is the job board's: share and apply links, cookie
    banners, "Back to jobs · Share on Twitter", "Powered by Greenhouse"."""
    text = text.strip("|·•>»«<").strip()
    if len(text) <= 40 and _FURNITURE_LINE.fullmatch(text.rstrip(".!:")):
        return True
    if "ookie" in text and len(text.split()) <= 60 and _COOKIE.search(text):
        return True
    parts = _SEPARATOR.split(text) if "·" in text or "|" in text or "•" in text else ()
    if len(parts) > 1 and all(
        not p or (len(p) <= 40 and _FURNITURE_LINE.fullmatch(p.rstrip(".!:"))) for p in parts
    ):
        return True
    return _board_links(runs)


def _board_links(runs: tuple[Run, ...]) -> bool:
    """A short line whose links all go to a job board or a social network, with a few words
    around them at most ("Powered by <Greenhouse>", "<Back to jobs> · <Share>")."""
    links = [r for r in runs if r.href and r.text.strip()]
    if not links or not all(
        _SOCIAL_HOSTS.match(r.href or "") or _BOARD_HOSTS.match(r.href or "") for r in links
    ):
        return False
    around = sum(len(r.text.split()) for r in runs if not r.href)
    return around <= FURNITURE_AROUND_WORDS and sum(len(r.text.split()) for r in runs) <= FURNITURE_LINE_WORDS
