"""The FastAPI application: the API, the map page, its vendored libraries and basemap, and security headers."""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from frontwatch import __version__
from frontwatch.data import data_path
from frontwatch.serve.api import response_cache, router
from frontwatch.serve.encode import GZIP_LEVEL, GZIP_MIN_BYTES
from frontwatch.serve.errors import ApiError, install_error_handlers
from frontwatch.serve.review import install_review, read_guard
from frontwatch.store.base import Store

logger = logging.getLogger(__name__)

STATIC_DIR = Path(str(resources.files("frontwatch.serve") / "static"))
# Files of the offline basemap (data/basemap/) the page fetches, with their media types.
BASEMAPS = {
    "countries.geojson": "application/geo+json",
    "admin1.geojson": "application/geo+json",
    "labels.json": "application/json",
}

# Scripts only from this origin (no inline script, no eval), nothing embeddable, no plugins; images may
# also come from OpenStreetMap's tile servers, which the page's "online tiles" switch turns on.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: https://tile.openstreetmap.org",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
# How ``frontwatch serve --workers N`` tells each worker process (``app_from_environment``) what to serve.
DB_ENV = "FRONTWATCH_SERVE_DB"
OPEN_READS_ENV = "FRONTWATCH_SERVE_OPEN_READS"
# Libraries and basemap change only with a new install: let browsers keep them for a day.
CACHE_STATIC = "public, max-age=86400"


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response (streamed ones included)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (name, value) for name, value in SECURITY_HEADERS if name not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _vendor_dir(module: str) -> Path:
    """The folder of an installed XStatic package's files (Leaflet and its marker-cluster plugin)."""
    import importlib

    return Path(importlib.import_module(module).BASE_DIR)


def _swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def create_app(db_url_or_store: str | Store, open_reads: bool = True) -> FastAPI:
    """The web application over a store, or over the store at a path or URL (opened now, closed at shutdown).

    Writes (analysts' review) always need a token; reads too unless ``open_reads`` (``serve`` opens them when it
    binds a loopback address)."""
    if isinstance(db_url_or_store, str):
        from frontwatch.store import open_store

        store, owned = open_store(db_url_or_store), True
    else:
        store, owned = db_url_or_store, False

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(
        title="frontwatch",
        version=__version__,
        description="Geolocated, source-attributed conflict events read from news reports, with their claims.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.responses = response_cache()
    install_error_handlers(app)
    install_review(app, open_reads)
    app.include_router(router, dependencies=[Depends(read_guard)])
    _add_page_routes(app)
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MIN_BYTES, compresslevel=GZIP_LEVEL)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_environment() -> FastAPI:
    """The app over the store named by ``$FRONTWATCH_SERVE_DB``, reads open when ``$FRONTWATCH_SERVE_OPEN_READS``
    is 1: the factory uvicorn calls in each worker process, so that every worker opens the store itself."""
    return create_app(os.environ[DB_ENV], open_reads=os.environ.get(OPEN_READS_ENV) == "1")


def _add_page_routes(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=_vendor_dir("xstatic.pkg.leaflet")), name="leaflet")
    app.mount(
        "/vendor/markercluster",
        StaticFiles(directory=_vendor_dir("xstatic.pkg.leaflet_markercluster")),
        name="markercluster",
    )
    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/vendor/swagger-ui", StaticFiles(directory=swagger), name="swagger-ui")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        if swagger is None:
            raise ApiError(404, "API docs need the swagger-ui-bundle package; the schema is at /openapi.json.")
        return FileResponse(STATIC_DIR / "docs.html", headers={"Cache-Control": "no-cache"})

    @app.get("/basemap/{name}", include_in_schema=False)
    def basemap(name: str) -> FileResponse:
        if name not in BASEMAPS:
            raise ApiError(404, f"No basemap file {name!r}; expected one of {', '.join(BASEMAPS)}.")
        with resources.as_file(data_path("basemap", name)) as path:
            return FileResponse(path, media_type=BASEMAPS[name], headers={"Cache-Control": CACHE_STATIC})

    @app.get("/healthz", include_in_schema=False)
    def health() -> JSONResponse:
        return JSONResponse({"ok": True})
