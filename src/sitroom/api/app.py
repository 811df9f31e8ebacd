"""Build the FastAPI app: JSON API under /api, HTML pages at /, assets under /static.

One exception handler turns every SitroomError into ``{"error": {"type", "message"}}``
with the error's ``status``; validation errors (400, never 422), unknown routes (404) and
methods a route does not take (405, with ``Allow``) use the same shape, and the OpenAPI
schema documents each status a route can answer.
Every response carries a strict Content-Security-Policy: scripts only from /static.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from sitroom.api.deps import close_stores, reconcile_in_background
from sitroom.api.routes import ROUTERS
from sitroom.api.routes.pages import render_error
from sitroom.api.routes.pages import router as pages_router
from sitroom.api.schemas import error_responses
from sitroom.config import Settings
from sitroom.errors import SitroomError
from sitroom.web import STATIC_DIR

__all__ = ["CSP", "create_app"]

# Nothing inline, nothing from elsewhere: article text is untrusted, and the UI must work
# offline. data: images are allowed for the inline SVG favicon only.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
_HTTP_ERROR_TYPES = {
    404: "NotFound",
    405: "MethodNotAllowed",
    413: "InputTooLarge",
    401: "Unauthorized",
}


def error_response(
    status: int, type_: str, message: str, *, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": {"type": type_, "message": message}}, status_code=status, headers=headers
    )


def _error(
    request: Request,
    status: int,
    type_: str,
    message: str,
    *,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """JSON under /api; an HTML page for a browser on a UI route. ``headers`` go on either
    (a 405 must name the methods the route takes in ``Allow``, RFC 9110)."""
    wants_html = "text/html" in request.headers.get("accept", "")
    if wants_html and not request.url.path.startswith(("/api/", "/static/")):
        response: Response = render_error(request, status, type_, message)
        response.headers.update(headers or {})
        return response
    return error_response(status, type_, message, headers=headers)


def _drop_validation_422(schema: dict[str, Any]) -> dict[str, Any]:
    """FastAPI documents a 422 for every route with parameters; this API answers invalid
    requests with 400 in its one error shape instead, so the 422 and its models go."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            operation.get("responses", {}).pop("422", None)
    models = schema.get("components", {}).get("schemas", {})
    for name in ("HTTPValidationError", "ValidationError"):
        models.pop(name, None)
    return schema


# Names a local server always answers to; binding every address ("0.0.0.0") adds none.
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_ANY_ADDRESS = frozenset({"0.0.0.0", "::", ""})


def _host_name(header: str) -> str:
    """The host of a Host header, without its port (``[::1]:8000`` -> ``::1``)."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _served_hosts(settings: Settings) -> frozenset[str]:
    extra = {h.strip().lower() for h in settings.allowed_hosts.split(",") if h.strip()}
    bound = {settings.host.strip("[]").lower()} - _ANY_ADDRESS
    return LOCAL_HOSTS | bound | extra


def create_app(settings: Settings, *, reconcile: bool = True) -> FastAPI:
    """The app for one store (``settings.db``); writes need ``settings.token``.

    ``reconcile`` brings the cross-article tables up to date on a background thread at
    startup (and after uploads); benchmarks turn it off to measure requests alone.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.reconciler = reconcile_in_background(settings) if reconcile else None
        yield
        close_stores(settings)

    app = FastAPI(
        lifespan=lifespan,
        title="sitroom",
        version="0.1.0",
        description="Sourced records of conflict news: articles, quotes, claims, events, places.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the Swagger page loads its assets from a CDN: not offline, not CSP-clean
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.reconcile = reconcile

    @app.exception_handler(SitroomError)
    async def _sitroom_error(request: Request, exc: SitroomError) -> Response:
        return _error(request, exc.status, type(exc).__name__, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return _error(request, 400, "BadRequest", problems or "invalid request")

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(
            request,
            exc.status_code,
            _HTTP_ERROR_TYPES.get(exc.status_code, "HTTPError"),
            str(exc.detail),
            headers=exc.headers,
        )

    served = _served_hosts(settings)

    @app.middleware("http")
    async def _known_host(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # DNS rebinding: a page elsewhere can point its own name at 127.0.0.1; only the
        # names this server was started for are answered (issue 12).
        host = _host_name(request.headers.get("host", ""))
        if host not in served:
            return _error(
                request,
                400,
                "BadRequest",
                f"host {host!r} is not served here: start sitroom serve with --allowed-host "
                f"{host or 'NAME'} to answer it",
            )
        return await call_next(request)

    @app.middleware("http")
    async def _upload_limit(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        # Refuse before the body is read when the client declares its size.
        declared = request.headers.get("content-length", "")
        if (
            request.method == "POST"
            and declared.isdigit()
            and int(declared) > settings.max_upload_bytes
        ):
            return error_response(
                413,
                "InputTooLarge",
                f"upload of {int(declared):,} bytes is over the {settings.max_upload_bytes:,}-byte "
                "limit (max_upload_bytes): send fewer or smaller files",
            )
        return await call_next(request)

    @app.middleware("http")
    async def _security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    for router in ROUTERS:
        # Any /api route can answer 400 (a parameter, or the Host check above) and 500 (the
        # store); routes add their own (404, 401, 413).
        app.include_router(router, prefix="/api", responses=error_responses(400, 500))
    # Built once and cached by FastAPI; dropping the 422s again on a cached schema is a no-op.
    app.openapi = lambda: _drop_validation_422(FastAPI.openapi(app))  # type: ignore[method-assign]
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
