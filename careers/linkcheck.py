"""Find broken internal links and anchors in a built site, as a browser would resolve them."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"))


@dataclass(frozen=True, order=True)
class BrokenLink:
    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: broken link to {self.target!r}: {self.reason}"


def check_links(site_dir: Path, base_path: str = "/") -> list[BrokenLink]:
    """Every internal link of every HTML page under ``site_dir`` that leads nowhere.

    Relative links resolve against the page; links rooted at ``base_path`` (as in
    ``404.html``) resolve against the site's root.
    """
    pages = {p.relative_to(site_dir).as_posix(): p for p in sorted(site_dir.rglob("*.html"))}
    ids: dict[str, set[str]] = {}
    links: dict[str, list[str]] = {}
    for rel, path in pages.items():
        soup = BeautifulSoup(path.read_bytes(), "lxml")
        ids[rel] = {str(tag["id"]) for tag in soup.find_all(id=True)}
        links[rel] = [
            str(tag[attr])
            for name, attr in LINK_ATTRIBUTES
            for tag in soup.find_all(name)
            if tag.has_attr(attr)
        ]
    broken = []
    for rel, targets in links.items():
        for target in targets:
            problem = _resolve(site_dir, rel, target, base_path, ids)
            if problem:
                broken.append(BrokenLink(rel, target, problem))
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
