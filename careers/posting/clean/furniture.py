"""A whole saved page's furniture, told by its structure in any language: landmarks and forms
without the posting's prose, and blocks made of links (menus, "similar jobs", share boxes)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bs4 import Tag
from bs4.element import NavigableString

from careers.posting.clean.markup import BLOCK_TAGS, CELL_TAGS, DROP_TAGS, tag_name

# Elements a page puts around its content: navigation, banners, footers, forms, dialogs.
LANDMARKS = frozenset({"nav", "header", "footer", "aside", "form"})
LANDMARK_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "dialog", "alertdialog"})
# Thresholds, as data: a run of text this long is a posting's prose, never furniture; a block
# with this many links, whose words are at least this share link text, is a list of links; a
# box around such a list may add a label this long ("Similar jobs", "Del dette job").
PROSE_WORDS = 30
MIN_LINKS = 3
LINK_SHARE = 0.75
LABEL_WORDS = 6
# Droppable kinds besides (elements that only hold inline text are never blocks of links).
_BLOCKS = (
    frozenset({"ul", "ol", "dl", "div", "section", "table", "tbody", "tr", "td", "p", "menu"}) | LANDMARKS
)


_TEXT_BLOCKS = BLOCK_TAGS | CELL_TAGS | {"form"}
_UNSEEN = DROP_TAGS - {"form"}  # a form is counted: an ASP.NET page holds everything in one


@dataclass
class _Count:
    words: int = 0
    link_words: int = 0
    links: int = 0
    longest: int = 0  # the most words in one block's text outside links
    inline: int = 0  # words outside links not yet inside a block (an inline element's)


def page_furniture(root: Tag, marked: Callable[[Tag], bool]) -> list[Tag]:
    """The outermost elements under ``root`` that are the page's furniture, not its posting:
    landmarks, blocks of links and the elements ``marked`` says are (by their class or id),
    unless they hold the posting's prose."""
    counts = _counts(root)
    found: list[Tag] = []
    stack = [root]
    while stack:
        node = stack.pop()
        for child in node.find_all(True, recursive=False):
            count = counts.get(id(child))
            if count is None:
                continue
            if count.longest < PROSE_WORDS and (_is_furniture(child, count) or marked(child)):
                found.append(_boxed(child, count, counts, root))
            else:
                stack.append(child)
    return list({id(tag): tag for tag in found}.values())


def forms_with_prose(root: Tag) -> list[Tag]:
    """The forms under ``root`` that hold a posting's text (to be read, not dropped as forms are)."""
    forms = root.find_all("form")
    if not forms:
        return []
    counts = _counts(root)
    return [form for form in forms if (count := counts.get(id(form))) and count.longest >= PROSE_WORDS]


def _is_furniture(node: Tag, count: _Count) -> bool:
    name = tag_name(node)
    role = str(node.get("role") or "").lower()
    if name in LANDMARKS or role in LANDMARK_ROLES:
        return True
    return (
        name in _BLOCKS
        and count.links >= MIN_LINKS
        and count.words > 0
        and count.link_words >= LINK_SHARE * count.words
    )


def _boxed(node: Tag, count: _Count, counts: dict[int, _Count], root: Tag) -> Tag:
    """The box a list of links sits in with nothing but a label ("Similar jobs" and its list)."""
    while node.parent is not None and node.parent is not root:
        outer = counts.get(id(node.parent))
        if outer is None or outer.words - count.words > LABEL_WORDS or outer.longest >= PROSE_WORDS:
            break
        node = node.parent
        count = outer
    return node


def _counts(root: Tag) -> dict[int, _Count]:
    """Each element's words, link words, links and longest run of plain text, in one pass."""
    counts: dict[int, _Count] = {}
    order: list[Tag] = []
    stack = [root]
    while stack:
        node = stack.pop()
        order.append(node)
        counts[id(node)] = _Count()
        stack.extend(
            child for child in node.find_all(True, recursive=False) if tag_name(child) not in _UNSEEN
        )
    for node in reversed(order):  # children before parents
        count = counts[id(node)]
        link = tag_name(node) == "a" and bool(node.get("href"))
        for child in node.children:
            if type(child) is NavigableString:
                words = len(child.split())
                count.words += words
                if link:
                    count.link_words += words
                else:
                    count.inline += words
            elif isinstance(child, Tag) and id(child) in counts:
                inner = counts[id(child)]
                count.words += inner.words
                count.link_words += inner.words if link else inner.link_words
                count.links += inner.links
                count.longest = max(count.longest, inner.longest)
                count.inline += 0 if link else inner.inline
        if link:
            count.links += 1
        if tag_name(node) in _TEXT_BLOCKS:
            count.longest = max(count.longest, count.inline)
            count.inline = 0
    return counts
