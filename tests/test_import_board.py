"""``careers import SYSTEM --board NAME`` against a local server that serves the fixtures.

Never the network: ``CAREERS_IMPORT_URL`` sends every request to a server this test starts on
127.0.0.1, the system's host as the first part of the path. It answers each path with a queue
of responses (a 429, then the payload), and records what was asked.
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from careers.ats.fetch import BASE_ENV, Client, fetch_board
from careers.ats.systems import SYSTEMS, ImportFailed

from .importing import ATS, build_site, content_bytes, job_postings, load, new_site, run_import

Response = tuple[int, dict[str, str], bytes]


class Board(http.server.ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, list[Response]] = {}
        self.asked: list[str] = []

    def serve(self, path: str, *responses: Response | bytes) -> None:
        self.routes[path] = [r if isinstance(r, tuple) else (200, {}, r) for r in responses]


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Board

    def do_GET(self) -> None:
        self.server.asked.append(self.path)
        queue = self.server.routes.get(self.path) or [(404, {}, b"Not found")]
        status, headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
        self.send_response(status)
        for key, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def board(monkeypatch: pytest.MonkeyPatch) -> Iterator[Board]:
    server = Board()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv(BASE_ENV, f"http://127.0.0.1:{server.server_address[1]}")
    yield server
    server.shutdown()
    server.server_close()
    thread.join(10)


def _bytes(relpath: str) -> bytes:
    return (ATS / relpath).read_bytes()


def _json(data: Any) -> bytes:
    import json

    return json.dumps(data).encode()


def _serve_all(board: Board) -> None:
    """Each system's board called "acme", as each system's endpoint answers."""
    greenhouse = load("greenhouse/careerkit_jobs_content.json")
    pay = load("greenhouse/ghdocs_job_detail_questions_pay_transparency.json")["pay_input_ranges"]
    gh = "/boards-api.greenhouse.io/v1/boards/acme/jobs"
    board.serve(f"{gh}?content=true", _bytes("greenhouse/careerkit_jobs_content.json"))
    board.serve(
        f"{gh}/8636903002?pay_transparency=true", _json({**greenhouse["jobs"][0], "pay_input_ranges": pay})
    )
    # the other job left the board between the list and its own call: a 404, and the list's data
    board.serve("/api.lever.co/v0/postings/acme?mode=json", _bytes("lever/careerkit_postings.json"))
    board.serve(
        "/api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true",
        _bytes("ashby/careerkit_job_board.json"),
    )
    board.serve(
        "/apply.workable.com/api/v1/widget/accounts/acme?details=true",
        _bytes("workable/careerkit_widget.json"),
    )
    board.serve(
        "/acme.jobs.personio.de/xml?language=en", _bytes("personio/cyberjobradar_feed_with_descriptions.xml")
    )
    board.serve("/acme.recruitee.com/api/offers/", _bytes("recruitee/careerkit_offers.json"))
    board.serve("/acme.teamtailor.com/jobs.json", _bytes("teamtailor/careerkit_jobs_jsonfeed.json"))
    _serve_smartrecruiters(board)


def _serve_smartrecruiters(board: Board) -> None:
    """Two pages of one posting each (totalFound 2), and each posting's details."""
    listed = load("smartrecruiters/careerkit_postings_list.json")
    first = listed["content"][0]
    second = {**first, "id": "743999671674845", "name": "Night Shift Nurse", "refNumber": "REF31"}
    api = "/api.smartrecruiters.com/v1/companies/acme/postings"
    board.serve(f"{api}?offset=0&limit=100", _json({**listed, "totalFound": 2, "content": [first]}))
    board.serve(
        f"{api}?offset=1&limit=100", _json({**listed, "offset": 1, "totalFound": 2, "content": [second]})
    )
    ad = load("smartrecruiters/jobagent_posting_detail.json")
    for posting in (first, second):
        board.serve(f"{api}/{posting['id']}", _json({**posting, **ad}))


EXPECTED = {
    "greenhouse": 2,
    "lever": 2,
    "ashby": 2,
    "workable": 1,
    "smartrecruiters": 2,
    "personio": 1,
    "recruitee": 2,
    "teamtailor": 2,
}


@pytest.mark.parametrize("system", sorted(SYSTEMS))
def test_every_system_imports_its_board(
    system: str, board: Board, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _serve_all(board)
    root = new_site(tmp_path / "site")
    code, out, err = run_import(root, capsys, system, "--board", "acme")
    assert code == 0, err
    postings = job_postings(build_site(root))
    assert len(postings) == EXPECTED[system], out
    if system == "greenhouse":
        salary = postings["Customer Data Scientist - Experimentation"]["baseSalary"]["value"]
        assert (salary["minValue"], salary["maxValue"]) == (50000, 75000)  # from the job's own call
    if system == "personio":  # the job's page on the named board
        (text,) = [p.read_text() for p in (root / "content/jobs").iterdir()]
        assert "apply_url: 'https://acme.jobs.personio.de/job/4103'" in text
    before = content_bytes(root)
    assert run_import(root, capsys, system, "--board", "acme")[0] == 0
    assert content_bytes(root) == before


def test_smartrecruiters_pages_are_all_read_with_each_postings_details(
    board: Board, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _serve_smartrecruiters(board)
    root = new_site(tmp_path / "site")
    assert run_import(root, capsys, "smartrecruiters", "--board", "acme")[0] == 0
    api = "/api.smartrecruiters.com/v1/companies/acme/postings"
    assert board.asked == [
        f"{api}?offset=0&limit=100",
        f"{api}?offset=1&limit=100",
        f"{api}/743999671674844",
        f"{api}/743999671674845",
    ]
    texts = [p.read_text() for p in sorted((root / "content/jobs").iterdir())]
    assert all("<h2>Job Description</h2><p>Pricing analysts work" in text for text in texts)


def test_a_board_that_does_not_exist_is_an_error_naming_the_url(
    board: Board, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "site")
    code, out, err = run_import(root, capsys, "greenhouse", "--board", "nope")
    url = "https://boards-api.greenhouse.io/v1/boards/nope/jobs?content=true"
    assert code == 1 and f"{url}: error: 404 Not Found: there is no Greenhouse board 'nope'" in err
    assert out == "" and list((root / "content/jobs").iterdir()) == []


def test_a_429_is_retried_after_the_wait_the_server_asks(
    board: Board, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = "/acme.recruitee.com/api/offers/"
    board.serve(path, (429, {"Retry-After": "1"}, b"slow down"), _bytes("recruitee/careerkit_offers.json"))
    root = new_site(tmp_path / "site")
    started = time.monotonic()
    code, _, err = run_import(root, capsys, "recruitee", "--board", "acme")
    assert code == 0, err
    assert board.asked == [path, path] and time.monotonic() - started >= 1.0
    assert len(list((root / "content/jobs").iterdir())) == 2


def test_a_server_error_that_lasts_is_an_error_after_the_retries(board: Board) -> None:
    path = "/api.lever.co/v0/postings/acme?mode=json"
    board.serve(path, (503, {}, b"down"))
    with pytest.raises(ImportFailed) as caught:
        fetch_board(SYSTEMS["lever"], "acme", Client(SYSTEMS["lever"], "acme", retries=2, backoff=0))
    assert (
        str(caught.value)
        == "https://api.lever.co/v0/postings/acme?mode=json: error: 503 Service Unavailable: try again later"
    )
    assert board.asked == [path] * 3


def test_a_board_name_cannot_reach_another_url(
    board: Board, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = new_site(tmp_path / "site")
    code, _, err = run_import(root, capsys, "lever", "--board", "../evil?x=")
    assert code == 1 and "error: not a board name" in err and board.asked == []


def test_files_or_a_board_but_not_both(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = new_site(tmp_path / "site")
    assert run_import(root, capsys, "lever", ATS / "lever/careerkit_postings.json", "--board", "x")[0] == 2
    assert run_import(root, capsys, "lever")[0] == 2


def test_the_import_page_names_every_system_and_where_its_board_is_fetched() -> None:
    from urllib.parse import urlsplit

    from .conftest import ROOT

    text = (ROOT / "docs" / "import.md").read_text()
    for name, system in SYSTEMS.items():
        assert f"| `{name}` |" in text, name
        url = urlsplit(system.module.API.format(board="NAME"))
        assert (url.netloc if name != "teamtailor" else url.path) in text, name
