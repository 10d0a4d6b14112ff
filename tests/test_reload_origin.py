"""The reload socket opens only for the preview's own pages: same scheme, host and port.

It compared ports only, so a page served from any address on the preview's port number (a
machine on the network, or a DNS name pointed at one) could open it and learn which pages
are open and when each save happens.
"""

from __future__ import annotations

import http.client
from collections.abc import Callable

import pytest

from careers.shell.server import Live

from .test_serve import Server, start

assert start  # the fixture, used by name below


@pytest.mark.parametrize(
    "origin, host, same",
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://localhost:8000", "localhost:8000", True),
        ("http://LOCALHOST:8000", "localhost:8000", True),
        ("http://[::1]:8000", "[::1]:8000", True),
        ("http://203.0.113.5:8000", "127.0.0.1:8000", False),  # another address, the same port
        ("http://203.0.113.5:8000", "203.0.113.5:8000", True),  # that address is ours: served there
        ("http://localhost:8000", "127.0.0.1:8000", False),
        ("https://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("http://127.0.0.1", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),
        ("http://[::1", "127.0.0.1:8000", False),
        ("http://127.0.0.1:99999", "127.0.0.1:8000", False),
    ],
)
def test_same_origin_is_scheme_host_and_port(origin: str, host: str, same: bool) -> None:
    live = Live("/")
    live.port = 8000
    assert live.same_origin(origin, host) is same


def connect(port: int, origin: str) -> int:
    """The status the reload socket answers a browser's opening handshake from a page at
    ``origin`` with: 101 (switching to the socket) or 403."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", "/livereload", headers={
            "Origin": origin, "Upgrade": "websocket", "Connection": "Upgrade",
            "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13",
        })  # fmt: skip
        return conn.getresponse().status
    finally:
        conn.close()


def test_the_reload_socket_refuses_a_page_from_another_address(start: Callable[..., Server]) -> None:
    server = start()
    assert connect(server.port, f"http://127.0.0.1:{server.port}") == 101
    assert connect(server.port, f"http://203.0.113.5:{server.port}") == 403
    assert connect(server.port, f"http://localhost:{server.port}") == 403
    assert server.stop() == 0
