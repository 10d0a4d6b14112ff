"""Find broken internal links and anchors in a built site, as a browser would resolve them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.etree
import lxml.html

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    target: str
    reason: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.page}: broken link to {self.target!r}: {self.reason}"


def check_links(site_dir: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every internal link of every HTML page under ``site_dir`` that leads nowhere.

    Relative links resolve against the page; links rooted at ``base_path`` (as in
    ``404.html``) resolve against the site's root.
    """
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    ids: dict[str, set[str]] = {}
    links: dict[str, list[tuple[str, int]]] = {}
    for rel, path in pages.items():
        # lxml directly: a whole site is parsed, and BeautifulSoup on top of it is several times slower.
        try:
            doc = lxml.html.document_fromstring(path.read_bytes())
        except lxml.etree.ParserError:  # an empty file: nothing to link to or from
            ids[rel], links[rel] = set(), []
            continue
        ids[rel] = {str(value) for value in doc.xpath("//@id")}
        links[rel] = [
            (str(element.get(attr)), element.sourceline or 0)
            for name, attr in LINK_ATTRIBUTES
            for element in doc.iter(name)
            if element.get(attr) is not None
        ]
    broken = []
    for rel, targets in links.items():
        for target, line in targets:
            problem = _resolve(site_dir, rel, target, base_path, ids)
            if problem:
                broken.append(BrokenLink(rel, target, problem, line))
    return sorted(broken)


def _resolve(site_dir: Path, page: str, target: str, base_path: str, ids: dict[str, set[str]]) -> str | None:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None  # external, or mailto:/tel:
    path = unquote(parts.path)
    if not path:
        resolved = page
    elif path.startswith("/"):
        if not path.startswith(base_path):
            return f"outside the site's base path {base_path}"
        resolved = path[len(base_path) :]
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
        if resolved.startswith(".."):
            return "leads above the site's root"
    if resolved in ("", ".") or resolved.endswith("/") or (site_dir / resolved).is_dir():
        resolved = posixpath.join(resolved, "index.html") if resolved not in ("", ".") else "index.html"
    if not (site_dir / resolved).is_file():
        return "no such file"
    if parts.fragment and resolved in ids and unquote(parts.fragment) not in ids[resolved]:
        return f"no element with id '{parts.fragment}'"
    return None
