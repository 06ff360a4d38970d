"""The `pantau serve` web app: a JSON API over a read-only store and the dashboard page.

Everything the page loads comes from this process (``static/``; third-party files
are installed from the npm registry by ``make frontend``), so it works with no
internet. Bad parameters get a 400 with a JSON body naming the parameter.
"""

from __future__ import annotations

import math
import os
import re
import tempfile
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import QueryParams
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pantau.export import acled_csv, geojson
from pantau.knowledge.actors import CountryInfo
from pantau.serve.api import (
    MAX_PAGE,
    MAX_PAGE_SIZE,
    MAX_TOP,
    EventFilter,
    EventsDB,
    FilterError,
    parse_bbox,
    parse_sort,
)

__all__ = ["DB_ENV", "VENDOR_FILES", "app_from_environment", "create_app", "missing_assets"]

# Files `make frontend` installs under static/vendor; the page needs every one.
VENDOR_FILES: tuple[str, ...] = (
    "leaflet/leaflet.js", "leaflet/leaflet.css", "markercluster/leaflet.markercluster.js",
    "markercluster/MarkerCluster.css", "markercluster/MarkerCluster.Default.css",
    "topojson/topojson-client.min.js", "world-atlas/countries-50m.json",
    "swagger-ui/swagger-ui-bundle.js", "swagger-ui/swagger-ui.css",
)

# The page may load only from this server; the API docs page needs its inline start-up script.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
DOCS_CSP = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")

FILTER_ORDER: tuple[str, ...] = (
    "country", "admin1", "event_type", "sub_event_type", "actor", "date_from", "date_to",
    "min_fatalities", "min_confidence", "q", "bbox",
)
FILTER_PARAMS = frozenset(FILTER_ORDER)


# How `pantau serve --workers N` tells each worker process which store to open.
DB_ENV = "PANTAU_SERVE_DB"


class EventsRoute:
    """Answers ``GET /api/events`` as plain ASGI, before FastAPI's routing and dependency
    machinery (which cost about half the CPU of a request); the FastAPI route with the same
    logic stays for the OpenAPI page and for anything this does not take (other methods)."""

    def __init__(self, app: ASGIApp, answer: Callable[[QueryParams], bytes]) -> None:
        self.app = app
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] != "/api/events" or scope["method"] != "GET" or scope.get("root_path"):
            await self.app(scope, receive, send)
            return
        try:
            response: Response = Response(self.answer(QueryParams(scope["query_string"])), media_type="application/json")
        except FilterError as exc:
            response = _filter_error(exc)
        await response(scope, receive, send)


class SecurityHeaders:
    """Adds the security headers to every response (plain ASGI: no per-request task, unlike @app.middleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if scope.get("path") == "/docs" else CSP).encode("latin-1")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() not in _SECURITY_HEADER_NAMES]
                headers += [(b"content-security-policy", csp), *_SECURITY_HEADERS]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


_SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
)
_SECURITY_HEADER_NAMES = frozenset({b"content-security-policy", *(k for k, _ in _SECURITY_HEADERS)})


def _package_dir() -> Path:
    return Path(str(resources.files("pantau.serve")))


def missing_assets(static_dir: Path | None = None) -> list[str]:
    """Vendor files the page needs that are not installed (run `make frontend`)."""
    vendor = (static_dir or _package_dir() / "static") / "vendor"
    return [name for name in VENDOR_FILES if not (vendor / name).is_file()]


def _error(status: int, message: str, params: list[dict[str, str]] | None = None) -> JSONResponse:
    body: dict[str, Any] = {"error": {"status": status, "message": message}}
    if params:
        body["error"]["params"] = params
    return JSONResponse(body, status_code=status)


def _filter_error(exc: FilterError) -> JSONResponse:
    return _error(400, f"{exc.param}: {exc.message}", [{"param": exc.param, "message": exc.message}])


def _refuse_unknown(qp: QueryParams, allowed: frozenset[str]) -> None:
    """FilterError for query parameters the endpoint does not know (typos would filter nothing)."""
    unknown = sorted({k for k in qp if k not in allowed})
    if unknown:
        shown = ", ".join(repr(k[:40]) for k in unknown[:5])
        raise FilterError(unknown[0][:40], f"unknown parameter(s) {shown}; allowed: {', '.join(sorted(allowed)) or 'none'}")


def _only(*names: str) -> Callable[[Request], None]:
    """A dependency refusing query parameters the endpoint does not know."""
    allowed = frozenset(names)

    async def check(request: Request) -> None:  # async: no thread hop per request
        _refuse_unknown(request.query_params, allowed)

    return check


# Query parameters, parsed by hand from the raw query string: FastAPI's per-parameter
# validation cost about as much CPU as answering the query. The OpenAPI page documents
# them from this table (name -> schema, description, repeatable).
QUERY_DOCS: dict[str, tuple[dict[str, Any], str, bool]] = {
    "country": ({"type": "string"}, "ISO 3166-1 alpha-3 code (repeatable).", True),
    "admin1": ({"type": "string"}, "First-level area name (repeatable).", True),
    "event_type": ({"type": "string"}, "ACLED event type (repeatable).", True),
    "sub_event_type": ({"type": "string"}, "ACLED sub-event type (repeatable).", True),
    "actor": ({"type": "string"}, "Part of actor1 or actor2 (case-insensitive).", False),
    "date_from": ({"type": "string", "format": "date"}, "First event date, YYYY-MM-DD.", False),
    "date_to": ({"type": "string", "format": "date"}, "Last event date, YYYY-MM-DD.", False),
    "min_fatalities": ({"type": "integer", "minimum": 0, "maximum": 1_000_000}, "Minimum fatalities.", False),
    "min_confidence": ({"type": "number", "minimum": 0, "maximum": 1}, "Minimum confidence.", False),
    "q": ({"type": "string"}, "Text in the notes or in a supporting sentence (case-insensitive).", False),
    "bbox": ({"type": "string"}, "minlon,minlat,maxlon,maxlat", False),
    "sort": ({"type": "string", "maxLength": 40}, "Column, or -column for descending (default -event_date).", False),
    "page": ({"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1}, "Page number.", False),
    "page_size": ({"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 100}, "Events per page.", False),
    "interval": ({"type": "string", "enum": ["week", "month"], "default": "month"}, "Timeline bucket.", False),
    "top": ({"type": "integer", "minimum": 1, "maximum": MAX_TOP, "default": 20}, "Rows of each tally.", False),
}
_WHOLE = re.compile(r"[+-]?[0-9]{1,15}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def query_docs(*names: str) -> dict[str, Any]:
    """``openapi_extra`` documenting the named query parameters."""
    params = []
    for name in names:
        schema, description, repeatable = QUERY_DOCS[name]
        params.append({"name": name, "in": "query", "required": False, "description": description,
                       "schema": {"type": "array", "items": schema} if repeatable else schema,
                       **({"style": "form", "explode": True} if repeatable else {})})
    return {"parameters": params}


def _whole(name: str, raw: str | None, low: int, high: int, default: int | None = None) -> int | None:
    if raw is None:
        return default
    if not _WHOLE.fullmatch(raw.strip()):
        raise FilterError(name, "must be a whole number")
    value = int(raw)
    if not low <= value <= high:
        raise FilterError(name, f"must be between {low} and {high}")
    return value


def _number(name: str, raw: str | None, low: float, high: float) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise FilterError(name, "must be a number") from None
    if not (math.isfinite(value) and low <= value <= high):
        raise FilterError(name, f"must be a finite number between {low:g} and {high:g}")
    return value


def _date(name: str, raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        if not _ISO_DATE.fullmatch(raw):
            raise ValueError
        return date.fromisoformat(raw)
    except ValueError:
        raise FilterError(name, "must be a valid date, YYYY-MM-DD") from None


async def event_filter(request: Request) -> EventFilter:
    """The filters of the request (validated here and in EventFilter; 400 on any bad value)."""
    return filter_of(request.query_params)


def filter_of(qp: QueryParams) -> EventFilter:
    """The filters in query parameters ``qp`` (FilterError on any bad value)."""
    return EventFilter(
        country=tuple(qp.getlist("country")), admin1=tuple(qp.getlist("admin1")),
        event_type=tuple(qp.getlist("event_type")), sub_event_type=tuple(qp.getlist("sub_event_type")),
        actor=qp.get("actor"), date_from=_date("date_from", qp.get("date_from")), date_to=_date("date_to", qp.get("date_to")),
        min_fatalities=_whole("min_fatalities", qp.get("min_fatalities"), 0, 1_000_000),
        min_confidence=_number("min_confidence", qp.get("min_confidence"), 0.0, 1.0),
        q=qp.get("q"), bbox=parse_bbox(qp.get("bbox")),
    )


Filter = Annotated[EventFilter, Depends(event_filter)]
EVENTS_PARAMS = frozenset({*FILTER_PARAMS, "sort", "page", "page_size"})


def events_page(events_db: EventsDB, qp: QueryParams) -> bytes:
    """The body of ``/api/events`` for ``qp``, checked in the order of the FastAPI route's
    dependencies (unknown parameters, filters, sort, page, page size); FilterError on the first bad one."""
    _refuse_unknown(qp, EVENTS_PARAMS)
    flt = filter_of(qp)
    sort = qp.get("sort")
    if sort is not None and len(sort) > 40:
        raise FilterError("sort", "at most 40 characters")
    column, descending = parse_sort(sort)
    page = _whole("page", qp.get("page"), 1, MAX_PAGE, 1)
    page_size = _whole("page_size", qp.get("page_size"), 1, MAX_PAGE_SIZE, 100)
    # Runs on the event loop: a page costs well under a millisecond of numpy work (see snapshot.py).
    return events_db.page_json(flt, sort=column, descending=descending, page=page, page_size=page_size)


class _CountryInfo:
    """ISO3 -> ACLED country fields for the CSV, loaded on first use (the dictionary takes ~0.5 s)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._lookup: Callable[[str], CountryInfo | None] | None = None

    def __call__(self, iso3: str) -> CountryInfo | None:
        with self._lock:
            if self._lookup is None:
                self._lookup = acled_csv.country_lookup()
        return self._lookup(iso3)


def _export_bytes(write: Callable[[Path], object]) -> bytes:
    """Run an exporter into a private temporary file and return what it wrote."""
    with tempfile.TemporaryDirectory(prefix="pantau-serve-") as folder:
        path = Path(folder) / "out"
        write(path)
        return path.read_bytes()


def create_app(db: str | Path, *, static_dir: Path | None = None) -> FastAPI:
    """The app over store ``db`` (opened read-only; StoreError when it cannot be opened)."""
    events_db = EventsDB(db)
    static = static_dir or _package_dir() / "static"
    index_html = _package_dir() / "templates" / "index.html"
    country_info = _CountryInfo()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        events_db.snapshot()  # read the store into memory before the first request
        yield
        events_db.close()

    app = FastAPI(
        title="pantau",
        summary="Conflict events coded from news articles (ACLED-style), read-only.",
        version="1",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.events_db = events_db

    @app.exception_handler(FilterError)
    async def on_filter_error(_: Request, exc: FilterError) -> JSONResponse:
        return _filter_error(exc)

    @app.exception_handler(RequestValidationError)
    async def on_validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        params = []
        for err in exc.errors():
            loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
            params.append({"param": ".".join(loc)[:60] or "?", "message": str(err.get("msg", "invalid"))[:200]})
        message = "; ".join(f"{p['param']}: {p['message']}" for p in params)
        return _error(400, message or "invalid request", params)

    @app.exception_handler(StarletteHTTPException)
    async def on_http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def on_unexpected(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error ({type(exc).__name__})")

    app.add_middleware(EventsRoute, answer=lambda qp: events_page(events_db, qp))
    app.add_middleware(SecurityHeaders)  # added last: wraps EventsRoute too

    # -- API ----------------------------------------------------------------------------

    # GET /api/events is answered by EventsRoute (plain ASGI); this route documents it on the
    # OpenAPI page and answers what EventsRoute passes on (same code: ``events_page``).
    @app.get("/api/events", tags=["events"], openapi_extra=query_docs(*FILTER_ORDER, "sort", "page", "page_size"))
    async def list_events(request: Request) -> Response:
        """One page of the filtered events (summaries; the detail endpoint has the sources)."""
        return Response(events_page(events_db, request.query_params), media_type="application/json")

    @app.get("/api/events.csv", dependencies=[Depends(_only(*FILTER_PARAMS))], tags=["export"],
             openapi_extra=query_docs(*FILTER_ORDER),
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def export_csv(flt: Filter) -> Response:
        """The filtered events as ACLED-compatible CSV (events without a date are left out)."""
        events = events_db.events(flt)
        stamps = events_db.timestamps([e.event_id for e in events])
        body = _export_bytes(lambda p: acled_csv.write(events, p, timestamps=stamps, country_info=country_info))
        return Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="pantau-events.csv"'})

    @app.get("/api/events.geojson", dependencies=[Depends(_only(*FILTER_PARAMS))], tags=["export"],
             openapi_extra=query_docs(*FILTER_ORDER),
             response_class=Response, responses={200: {"content": {"application/geo+json": {}}}})
    def export_geojson(flt: Filter) -> Response:
        """The filtered events as a GeoJSON FeatureCollection (null geometry when unplaced)."""
        events = events_db.events(flt)
        body = _export_bytes(lambda p: geojson.write(events, p))
        return Response(body, media_type="application/geo+json")

    @app.get("/api/events/{event_id}", dependencies=[Depends(_only())], tags=["events"])
    def get_event(event_id: Annotated[str, PathParam(min_length=1, max_length=200)]) -> JSONResponse:
        """One event with every source, its sentence spans and the article segment to highlight."""
        found = events_db.event(event_id)
        if found is None:
            return _error(404, f"no event with id {event_id[:60]!r}")
        return JSONResponse(found)

    @app.get("/api/stats", dependencies=[Depends(_only(*FILTER_PARAMS, "interval", "top"))], tags=["stats"],
             openapi_extra=query_docs(*FILTER_ORDER, "interval", "top"))
    async def stats(flt: Filter, request: Request) -> JSONResponse:
        """Counts and fatalities by week or month, by type, by actor and by admin1 (top N)."""
        interval = request.query_params.get("interval", "month")
        if interval not in ("week", "month"):
            raise FilterError("interval", "must be week or month")
        top = _whole("top", request.query_params.get("top"), 1, MAX_TOP, 20)
        return JSONResponse(events_db.stats(flt, interval=interval, top=top))

    @app.get("/api/facets", dependencies=[Depends(_only())], tags=["stats"])
    def facets() -> JSONResponse:
        """Values for the filter panel: countries, admin1 areas, event types, date range."""
        return JSONResponse(events_db.facets())

    # -- page and docs -------------------------------------------------------------------

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(index_html, media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="pantau API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(static / "favicon.svg", media_type="image/svg+xml")

    app.mount("/static", StaticFiles(directory=static), name="static")
    return app


def app_from_environment() -> FastAPI:
    """The app over the store named by $PANTAU_SERVE_DB (uvicorn's factory for worker processes)."""
    db = os.environ.get(DB_ENV)
    if not db:
        raise RuntimeError(f"{DB_ENV} is not set")
    return create_app(db)
