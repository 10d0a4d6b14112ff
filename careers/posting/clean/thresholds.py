"""Every count the line rules decide by, named in one place (words unless said otherwise)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """The limits the line rules read; each rule names the ones it uses."""

    heading_element: int = 25  # a heading element longer than this is a paragraph set large
    heading: int = 12  # no line on its own is a heading past this
    capitals: tuple[int, int] = (2, 8)  # a line in capitals is a heading between these
    capital_letters: int = 4  # "IT" or "HR" alone is an acronym, not a line in capitals
    title_share: float = 0.6  # the share of a line's words that matter a title case capitalizes
    colon_title: int = 8  # a title-case line ending in a colon is a heading up to this
    bold_short: int = 6  # a bold line this short is a heading, whatever it says
    bold_question: int = 10  # a bold question up to this is a heading
    bold_tagline: int = 6  # a bold title-case line ending in a period ("High Standards. No Apologies.")
    bold_kind: int = 10  # a bold line naming a section's kind ("Skills and experience we need")
    group_label: int = 8  # a list item whose own list follows it labels that list up to this
    item_label_colon: int = 6  # an item ending in a colon before more items heads them up to this
    item_label_bold: int = 8  # a bold item before plain ones heads them up to this
    lead_in: int = 12  # a clause introducing a list ("The skills required are:") up to this
    lead_in_bare: int = 3  # a lead-in without its colon has at least this
    bold_label: int = 12  # a bold label before a list up to this
    title_line: int = 6  # a short title-case line between text is a heading up to this
    sentence: int = 10  # a line this long reads as a sentence, full stop or not
    short_line: int = 8  # a line of a list without bullets, or a value, is short up to this
    titled_lead: int = 3  # a lead-in after a title line has at least this
    run: int = 3  # lines in a row make a list without bullets from this many
    short_run: int = 2  # so do this many short ones right under a heading
    titled_run: int = 4  # a run this long may be titled by its first line
    run_in_text: int = 8  # a run-in heading's text is at least this long (shorter: a label's value)
    run_in_label: int = 8  # a run-in label is at most this long
    flat: int = 100  # a line this long with no break is an export that collapsed its white space
    inline_heading: int = 12  # an inline heading in flattened text is at most this long
    inline_item: int = 40  # sentences run together are items when none is longer than this
    glued_items: int = 3  # a line glued together at two points or more ("regulationsDetermine") is items
    dotted_inline: int = 6  # a known heading ending in a period stands inline from this long
    fact_label: int = 5  # a board's label ("Job Requisition ID") is at most this long
    fact_value: int = 20  # and its value at most this
    fact_short_value: int = 10  # three labelled lines whose values are this short are a board's block
    fact_block: int = 3


LIMITS = Thresholds()
