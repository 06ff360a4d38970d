"""The `pantau serve` web app: a JSON API over a read-only store and the dashboard page.

Everything the page loads comes from this process (``static/``; third-party files
are installed from the npm registry by ``make frontend``), so it works with no
internet. Bad parameters get a 400 with a JSON body naming the parameter.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, AsyncIterator, Callable

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

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

FILTER_PARAMS = frozenset({
    "country", "admin1", "event_type", "sub_event_type", "actor", "date_from", "date_to",
    "min_fatalities", "min_confidence", "q", "bbox",
})


# How `pantau serve --workers N` tells each worker process which store to open.
DB_ENV = "PANTAU_SERVE_DB"


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


def _only(*names: str) -> Callable[[Request], None]:
    """A dependency refusing query parameters the endpoint does not know (typos would filter nothing)."""
    allowed = frozenset(names)

    def check(request: Request) -> None:
        unknown = sorted({k for k in request.query_params.keys() if k not in allowed})
        if unknown:
            shown = ", ".join(repr(k[:40]) for k in unknown[:5])
            raise FilterError(unknown[0][:40], f"unknown parameter(s) {shown}; allowed: {', '.join(sorted(allowed)) or 'none'}")

    return check


def event_filter(
    country: Annotated[list[str] | None, Query(description="ISO 3166-1 alpha-3 code (repeatable).")] = None,
    admin1: Annotated[list[str] | None, Query(description="First-level area name (repeatable).")] = None,
    event_type: Annotated[list[str] | None, Query(description="ACLED event type (repeatable).")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="ACLED sub-event type (repeatable).")] = None,
    actor: Annotated[str | None, Query(description="Part of actor1 or actor2 (case-insensitive).")] = None,
    date_from: Annotated[date | None, Query(description="First event date, YYYY-MM-DD.")] = None,
    date_to: Annotated[date | None, Query(description="Last event date, YYYY-MM-DD.")] = None,
    min_fatalities: Annotated[int | None, Query(ge=0, le=1_000_000)] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0, allow_inf_nan=False)] = None,
    q: Annotated[str | None, Query(description="Text in the notes or in a supporting sentence (case-insensitive).")] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat")] = None,
) -> EventFilter:
    return EventFilter(
        country=tuple(country or ()), admin1=tuple(admin1 or ()), event_type=tuple(event_type or ()),
        sub_event_type=tuple(sub_event_type or ()), actor=actor, date_from=date_from, date_to=date_to,
        min_fatalities=min_fatalities, min_confidence=min_confidence, q=q, bbox=parse_bbox(bbox),
    )


Filter = Annotated[EventFilter, Depends(event_filter)]


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
        return _error(400, f"{exc.param}: {exc.message}", [{"param": exc.param, "message": exc.message}])

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

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response = await call_next(request)
        docs = request.url.path == "/docs"
        response.headers["Content-Security-Policy"] = DOCS_CSP if docs else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    # -- API ----------------------------------------------------------------------------

    @app.get("/api/events", dependencies=[Depends(_only(*FILTER_PARAMS, "sort", "page", "page_size"))], tags=["events"])
    def list_events(
        flt: Filter,
        sort: Annotated[str | None, Query(description="Column, or -column for descending (default -event_date).", max_length=40)] = None,
        page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
        page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 100,
    ) -> JSONResponse:
        """One page of the filtered events (summaries; the detail endpoint has the sources)."""
        column, descending = parse_sort(sort)
        return JSONResponse(events_db.page(flt, sort=column, descending=descending, page=page, page_size=page_size))

    @app.get("/api/events.csv", dependencies=[Depends(_only(*FILTER_PARAMS))], tags=["export"],
             response_class=Response, responses={200: {"content": {"text/csv": {}}}})
    def export_csv(flt: Filter) -> Response:
        """The filtered events as ACLED-compatible CSV (events without a date are left out)."""
        events = events_db.events(flt)
        stamps = events_db.timestamps([e.event_id for e in events])
        body = _export_bytes(lambda p: acled_csv.write(events, p, timestamps=stamps, country_info=country_info))
        return Response(body, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="pantau-events.csv"'})

    @app.get("/api/events.geojson", dependencies=[Depends(_only(*FILTER_PARAMS))], tags=["export"],
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

    @app.get("/api/stats", dependencies=[Depends(_only(*FILTER_PARAMS, "interval", "top"))], tags=["stats"])
    def stats(
        flt: Filter,
        interval: Annotated[str, Query(pattern="^(week|month)$")] = "month",
        top: Annotated[int, Query(ge=1, le=MAX_TOP)] = 20,
    ) -> JSONResponse:
        """Counts and fatalities by week or month, by type, by actor and by admin1 (top N)."""
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
