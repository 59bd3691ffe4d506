"""A review server on a free port, in a thread of the test process, and plain HTTP calls to it."""
from __future__ import annotations

import http.client
import json
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

HOST = "127.0.0.1"


class Served:
    """A running server: its session, port and URL."""

    def __init__(self, session: Any, port: int) -> None:
        self.session, self.port = session, port
        self.url = f"http://{HOST}:{port}/"

    def request(self, method: str, path: str, body: Optional[bytes] = None,
                headers: Optional[dict[str, str]] = None) -> tuple[int, Any]:
        """(status, parsed JSON or text) of one request; Host is the bound address unless given."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=60)
        sent = {"Host": f"{HOST}:{self.port}", **(headers or {})}
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read().decode("utf-8")
        conn.close()
        kind = response.getheader("content-type", "")
        return response.status, json.loads(data) if kind.startswith("application/json") else data

    def write(self, path: str, body: Any, token: Optional[str] = "", headers: Optional[dict[str, str]] = None
              ) -> tuple[int, Any]:
        """A POST as the page sends it (the session's token unless ``token`` is None or given)."""
        sent = {"Content-Type": "application/json", **(headers or {})}
        if token is not None:
            sent["X-Annotator-Token"] = token or self.session.token
        raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        return self.request("POST", path, raw, sent)


@contextmanager
def serving(corpus: Path) -> Iterator[Served]:
    """Serve ``corpus`` with review mode until the block ends."""
    import uvicorn

    from annotator.serve.app import make_app
    from annotator.serve.run import allowed_hosts, bind
    from annotator.serve.session import ReviewSession

    sock = bind(HOST, 0)
    session = ReviewSession(corpus)
    server = uvicorn.Server(uvicorn.Config(make_app(session, allowed_hosts(HOST)), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    try:
        yield Served(session, sock.getsockname()[1])
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
