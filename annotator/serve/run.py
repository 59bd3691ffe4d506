"""``annotator serve``: build a corpus, then serve its edition with review mode until Ctrl-C."""
from __future__ import annotations

import gc
import ipaddress
import socket
import sys
from pathlib import Path
from typing import Callable, Optional

from ..errors import AnnotatorError

LOOPBACK = "127.0.0.1"


def require_server() -> None:
    """Starlette and uvicorn, or an error saying how to install them."""
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        raise AnnotatorError("annotator serve needs Starlette and uvicorn",
                             fix="pip install 'annotator[serve]'") from None


def allowed_hosts(host: str) -> tuple[str, ...]:
    """The Host names the server answers: the bound address (and localhost for the loopback)."""
    return (host, "localhost") if host == LOOPBACK else (host,)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: a free one), or an error naming the fix."""
    try:
        family = socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        raise AnnotatorError(f"--host takes an IP address, got {host!r}", fix="e.g. --host 127.0.0.1") from None
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        raise AnnotatorError(f"cannot listen on {host}:{port}: {error.strerror or error}",
                             fix="choose another --port (0 picks a free one)") from None
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def url_of(host: str, port: int) -> str:
    """The address to open in a browser."""
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def serve(corpus: Path, port: int = 8765, host: str = LOOPBACK, semantic: bool = False, open_browser: bool = False,
          say: Callable[[str], None] = print, opener: Optional[Callable[[str], object]] = None) -> None:
    """Build the corpus, print the URL and serve until interrupted."""
    require_server()
    import uvicorn

    from .app import make_app
    from .session import ReviewSession

    sock = bind(host, port)
    if host != LOOPBACK:
        print(f"annotator: warning: serving on {host}: anyone who can reach this address can read the edition "
              "(writes still need the page's token)", file=sys.stderr)
    session = ReviewSession(corpus, semantic=semantic)
    address = url_of(host, sock.getsockname()[1])
    say(f"serving {session.corpus.name} at {address} (review mode; Ctrl-C stops)")
    sys.stdout.flush()
    if open_browser:
        import webbrowser

        (opener or webbrowser.open)(address)
    config = uvicorn.Config(make_app(session, allowed_hosts(host)), log_level="warning", access_log=False,
                            server_header=False, date_header=False)
    gc.enable()  # the CLI pauses the collector for a short build; a server rebuilds for hours
    uvicorn.Server(config).run(sockets=[sock])
