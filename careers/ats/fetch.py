"""A board's payloads fetched from its system's public endpoint over HTTPS.

One urllib3 pool: timeouts on connecting and reading, retries with exponential backoff on
connection failures, 429 and 5xx (a ``Retry-After`` the server sends is honoured, up to a
minute), and an error naming the URL and its status when a board does not exist. SmartRecruiters
pages its list and has each description behind a call of its own; Greenhouse's pay ranges
come only with each job's own call. ``CAREERS_IMPORT_URL`` (for tests, never the network)
sends every request to that server instead, the host as the first part of the path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlsplit

import urllib3
from urllib3.util.retry import Retry

from careers import __version__
from careers.ats import greenhouse, smartrecruiters
from careers.ats.systems import ImportFailed, System, check_shape, parse
from careers.errors import printable

BASE_ENV = "CAREERS_IMPORT_URL"
TIMEOUT = urllib3.Timeout(connect=10, read=60)
MAX_WAIT = 60.0  # the longest Retry-After honoured: a server asking for more is asked again sooner
MAX_PAGES = 1000
_BOARD = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,199}")


class _Retry(Retry):
    """urllib3's retry, with a server's ``Retry-After`` capped at ``MAX_WAIT`` seconds."""

    def get_retry_after(self, response: Any) -> float | None:
        wait = super().get_retry_after(response)
        return None if wait is None else min(wait, MAX_WAIT)


class Client:
    """GET requests to one system's endpoints, each answer checked before it is used."""

    def __init__(self, system: System, board: str, retries: int = 5, backoff: float = 1.0) -> None:
        self.system, self.board = system, board
        retry = _Retry(
            total=retries,
            backoff_factor=backoff,
            status_forcelist=(429, 500, 502, 503, 504),
            allowed_methods=("GET",),
            respect_retry_after_header=True,
            raise_on_status=False,
        )
        headers = {"User-Agent": f"careers/{__version__} (careers import)", "Accept": "application/json, */*"}
        self.pool = urllib3.PoolManager(retries=retry, timeout=TIMEOUT, headers=headers)
        self.base = os.environ.get(BASE_ENV, "").rstrip("/")

    def get(self, url: str, missing_ok: bool = False) -> Any:
        """The payload at ``url``, parsed and checked to be the system's; errors name the URL.
        ``missing_ok``: a 404 (a job that left the board since its list was read) is ``None``."""
        target = self._target(url)
        try:
            response = self.pool.request("GET", target, redirect=True)
        except urllib3.exceptions.HTTPError as exc:
            raise ImportFailed(url, f"cannot fetch: {_reason(exc)}") from None
        if response.status == 404 and missing_ok:
            return None
        if response.status == 404:
            raise ImportFailed(url, f"404 Not Found: there is no {self.system.title} board '{self.board}'")
        if response.status != 200:
            raise ImportFailed(
                url, f"{response.status} {response.reason or ''}".rstrip() + ": try again later"
            )
        payload = parse(response.data, self.system, url)
        check_shape(payload, self.system, url)
        return payload

    def _target(self, url: str) -> str:
        if not self.base:
            return url
        parts = urlsplit(url)
        return f"{self.base}/{parts.netloc}{parts.path}" + (f"?{parts.query}" if parts.query else "")


def _reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return printable(str(reason))


def fetch_board(system: System, board: str, client: Client | None = None) -> list[Any]:
    """Every payload of ``board``: its list (every page) and, where the list leaves them out,
    each job's details."""
    if not _BOARD.fullmatch(board):
        raise ImportFailed(
            board, "not a board name: the name in the board's URL, letters, digits, '.', '-', '_'"
        )
    client = client or Client(system, board)
    name = quote(board)
    fetch = FETCHES.get(system.name)
    if fetch is not None:
        return fetch(client, name)
    if system.name == "teamtailor" and "." not in board:
        name = f"{name}.teamtailor.com"  # a career site on Teamtailor's own domain
    url: str = system.module.API.format(board=name)
    if system.name == "personio":
        url += "?language=en"
    return [client.get(url)]


def _greenhouse(client: Client, board: str) -> list[Any]:
    """The jobs with their content, then each job's own payload for its pay ranges."""
    api = greenhouse.API.format(board=board)
    listed = client.get(api + "?content=true")
    details = [
        client.get(f"{api}/{job['id']}?pay_transparency=true", True) for job in listed["jobs"] if "id" in job
    ]
    return [listed, *(d for d in details if d is not None)]


def _smartrecruiters(client: Client, board: str) -> list[Any]:
    """Every page of postings (``offset``/``limit`` until ``totalFound``), then each one's details."""
    api = smartrecruiters.API.format(board=board)
    pages: list[Any] = []
    offset = 0
    while len(pages) < MAX_PAGES:
        page = client.get(f"{api}?offset={offset}&limit={smartrecruiters.PAGE}")
        pages.append(page)
        offset += len(page["content"])
        if not page["content"] or offset >= int(page.get("totalFound") or 0):
            break
    details = [
        client.get(f"{api}/{quote(str(p['id']))}", True)
        for page in pages
        for p in page["content"]
        if "id" in p
    ]
    return [*pages, *(d for d in details if d is not None)]


FETCHES: dict[str, Callable[[Client, str], list[Any]]] = {
    "greenhouse": _greenhouse,
    "smartrecruiters": _smartrecruiters,
}
