"""The review server's routes, on Starlette (an ASGI framework; uvicorn serves it: see run.py).

GET  /               the edition with the review script
GET  /handout.html   the student sheet as it prints (/handout-teacher.html: the teacher's key)
GET  /edition.json   the edition's data
GET  /api/state      what the review script shows (JSON)
POST /api/action     one correction  (JSON body; header X-Annotator-Token)
POST /api/undo       take back the latest correction of this session
POST /api/redo       apply again the latest one taken back

Safety: only the bound host name is answered (DNS rebinding); every POST needs the per-run token,
which only the page itself holds (a script on another site cannot read the page: no CORS
headers are ever sent), and a JSON content type (a cross-site form cannot send one); every
response forbids framing and sniffing and carries the page's Content-Security-Policy.
"""
from __future__ import annotations

import hmac
import json
from typing import Any, Awaitable, Callable

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ..errors import AnnotatorError
from .actions import BadAction
from .page import page_policy
from .session import ReviewSession

MAX_BODY = 16_384
TOKEN_HEADER = "x-annotator-token"
API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def make_app(session: ReviewSession, hosts: tuple[str, ...]) -> Starlette:
    """The ASGI app serving ``session``, answering only requests whose Host is one of ``hosts``."""

    async def index(request: Request) -> Response:
        return _page((await run_in_threadpool(session.current)).index)

    def handout(name: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            page = (await run_in_threadpool(session.current)).handouts.get(name)
            return _page(page) if page is not None else _error("this handout is not made for this corpus", 404)
        return endpoint

    async def edition(request: Request) -> Response:
        built = await run_in_threadpool(session.current)
        return Response(built.json, media_type="application/json", headers=_headers(API_POLICY))

    async def state(request: Request) -> Response:
        await run_in_threadpool(session.current)
        return _json(await run_in_threadpool(session.state))

    def writer(change: Callable[[Any], dict[str, Any]]) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            refused = _refusal(request, session.token)
            if refused:
                return _error(refused, 403)
            raw = await request.body()
            if len(raw) > MAX_BODY:
                return _error("the body is too large", 400)
            try:
                body = json.loads(raw.decode("utf-8")) if raw.strip() else {}
            except (UnicodeDecodeError, json.JSONDecodeError):
                return _error("the body is not JSON", 400)
            try:
                return _json(await run_in_threadpool(change, body))
            except BadAction as error:
                return _error(str(error), 400)
            except AnnotatorError as error:  # the corpus itself no longer builds (edited meanwhile)
                return _error(f"the corpus does not build: {error}", 409)
            except OSError as error:  # the folder cannot be written: links.toml is as it was
                return _error(f"cannot write links.toml: {error.strerror or error}", 500)
        return endpoint

    routes = [
        Route("/", index), Route("/index.html", index),
        *(Route(f"/{name}", handout(name)) for name in ("handout.html", "handout-teacher.html")),
        Route("/edition.json", edition), Route("/api/state", state),
        Route("/api/action", writer(session.act), methods=["POST"]),
        Route("/api/undo", writer(lambda body: session.undo()), methods=["POST"]),
        Route("/api/redo", writer(lambda body: session.redo()), methods=["POST"]),
    ]
    return Starlette(routes=routes, middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))])


def _refusal(request: Request, token: str) -> str:
    """Why a write is refused ('' when it may go on)."""
    given = request.headers.get(TOKEN_HEADER, "")
    if not given or not hmac.compare_digest(given.encode("utf-8", "replace"), token.encode("ascii")):
        return "missing or wrong token (reload the page)"
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return "the body must be sent as application/json"
    origin = request.headers.get("origin")
    if origin and origin != f"{request.url.scheme}://{request.headers.get('host', '')}":
        return "a write from another site"
    return ""


def _headers(policy: str) -> dict[str, str]:
    return {"Content-Security-Policy": policy, "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
            "Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}


def _page(html: str) -> Response:
    return HTMLResponse(html, headers=_headers(page_policy(html) + "; frame-ancestors 'none'"))


def _json(data: Any) -> Response:
    return JSONResponse(data, headers=_headers(API_POLICY))


def _error(reason: str, status: int) -> Response:
    return JSONResponse({"error": " ".join(reason.split())}, status_code=status, headers=_headers(API_POLICY))
