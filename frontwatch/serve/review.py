"""The review API: analysts confirm, correct, reject, merge and split events, with a token; the audit log, the
review queue and gazetteer candidates are read like the rest of the API.

Every write needs ``Authorization: Bearer <token>`` (``frontwatch user add NAME``): none or a wrong one is 401,
a revoked one 403. Reads are open while the app's ``open_reads`` holds (the default on loopback), else they need
a token too. Tokens and reasons are never logged; responses are JSON, which the page shows as text.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from frontwatch import review
from frontwatch.review.auth import AuthFailure, Authenticator
from frontwatch.serve.errors import ERROR_RESPONSES, NOT_FOUND_RESPONSE, ApiError, error_response
from frontwatch.serve.params import LimitParam, OffsetParam, event_filters, parse_statuses
from frontwatch.serve.views import event_detail
from frontwatch.store.analysts import Analyst
from frontwatch.store.base import EventQuery, Store
from frontwatch.store import review as store_review
from frontwatch.store.review import NoSuchEvent

logger = logging.getLogger(__name__)

AUTH_RESPONSES: dict[int | str, dict] = {
    401: {"description": "No token, or one this store does not know."},
    403: {"description": "The analyst's token was revoked."},
}

IdPath = Annotated[str, Path(min_length=1, max_length=300)]
Reason = Annotated[str | None, Field(default=None, max_length=2000, description="Why; kept in the audit log.")]


def get_store(request: Request) -> Store:
    """The app's store."""
    return request.app.state.store


def analyst(request: Request) -> Analyst:
    """The analyst whose token the request carries (401 without a valid one, 403 with a revoked one)."""
    return request.app.state.authenticator.analyst(request.headers.get("authorization"))


def read_guard(request: Request) -> None:
    """Reads are open when the app says so (bound to loopback by default); otherwise they need a token too."""
    if not request.app.state.open_reads:
        analyst(request)


StoreDep = Annotated[Store, Depends(get_store)]
AnalystDep = Annotated[Analyst, Depends(analyst)]
router = APIRouter(prefix="/api", responses={**ERROR_RESPONSES, **AUTH_RESPONSES}, tags=["review"])


class ReasonIn(BaseModel):
    """An optional reason."""

    model_config = ConfigDict(extra="forbid")
    reason: Reason = None


class RejectIn(BaseModel):
    """Why the event is none."""

    model_config = ConfigDict(extra="forbid")
    reason: str = Field(min_length=1, max_length=2000, description="Why the event is rejected.")


class CorrectIn(BaseModel):
    """Coded fields to set: any of event_type, sub_event_type, event_date, time_precision, actor1, actor2,
    assoc_actor_1, assoc_actor_2, inter1, inter2, geo_precision, fatalities (needs a reason) and place
    ({"geonameid", "name"} from /api/places, or {"latitude", "longitude", "location"?})."""

    model_config = ConfigDict(extra="forbid")
    changes: dict[str, Any] = Field(description="Field -> new value.")
    reason: Reason = None


class MergeIn(BaseModel):
    """The event to merge into this one."""

    model_config = ConfigDict(extra="forbid")
    other_event_id: str = Field(min_length=1, max_length=300)
    reason: Reason = None


class SplitIn(BaseModel):
    """The document whose reports leave the event."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str = Field(min_length=1, max_length=300)
    reason: Reason = None


def _with_event(store: Store, result: dict[str, Any]) -> JSONResponse:
    event = store.get_event(result["event_id"])
    result["event"] = event_detail(event) if event is not None else None
    return JSONResponse(result)


def _act(store: Store, call) -> JSONResponse:
    try:
        return _with_event(store, call())
    except NoSuchEvent as e:
        raise ApiError(404, f"No event {str(e.args[0])[:300]!r} in this store.") from None


@router.post("/events/{event_id}/confirm", responses=NOT_FOUND_RESPONSE, summary="Confirm an event")
def confirm_event(store: StoreDep, who: AnalystDep, event_id: IdPath, body: ReasonIn | None = None) -> JSONResponse:
    """The event is right as it stands: its review status becomes ``confirmed``."""
    return _act(store, lambda: review.confirm(store, event_id, who.name, body.reason if body else None))


@router.post("/events/{event_id}/correct", responses=NOT_FOUND_RESPONSE, summary="Correct an event's coded fields")
def correct_event(store: StoreDep, who: AnalystDep, event_id: IdPath, body: CorrectIn) -> JSONResponse:
    """Set coded fields; they stay as set whatever later reports say. The status becomes ``corrected``."""
    return _act(store, lambda: review.correct(store, event_id, who.name, body.changes, body.reason))


@router.post("/events/{event_id}/reject", responses=NOT_FOUND_RESPONSE, summary="Reject an event")
def reject_event(store: StoreDep, who: AnalystDep, event_id: IdPath, body: RejectIn) -> JSONResponse:
    """The event is none (kept, but left out by ``review_status`` filters); a reason is required."""
    return _act(store, lambda: review.reject(store, event_id, who.name, body.reason))


@router.post("/events/{event_id}/merge", responses=NOT_FOUND_RESPONSE, summary="Merge another event into this one")
def merge_events(store: StoreDep, who: AnalystDep, event_id: IdPath, body: MergeIn) -> JSONResponse:
    """One happening reported as two: both events' reports become one event (``corrected``)."""
    return _act(store, lambda: review.merge(store, event_id, body.other_event_id, who.name, body.reason))


@router.post("/events/{event_id}/split", responses=NOT_FOUND_RESPONSE, summary="Split a report out of an event")
def split_event(store: StoreDep, who: AnalystDep, event_id: IdPath, body: SplitIn) -> JSONResponse:
    """One document's reports leave the event for an event of their own (``new_event_id``, still ``machine``)."""
    return _act(store, lambda: review.split(store, event_id, body.doc_id, who.name, body.reason))


reads = APIRouter(prefix="/api", responses=ERROR_RESPONSES, tags=["review"], dependencies=[Depends(read_guard)])


@reads.get("/events/{event_id}/audit", responses=NOT_FOUND_RESPONSE, summary="An event's review and audit log")
def event_audit(store: StoreDep, event_id: IdPath) -> JSONResponse:
    """The review status, the values analysts set (and the machine's), and every change: who, when, field,
    before, after, reason."""
    try:
        return JSONResponse(review.audit(store, event_id))
    except NoSuchEvent:
        raise ApiError(404, f"No event {event_id!r} in this store.") from None


@reads.get("/review/queue", summary="Events to review")
def review_queue(
    store: StoreDep,
    filters: Annotated[EventQuery, Depends(event_filters)],
    status: Annotated[
        str, Query(max_length=100, description="Statuses to list, comma-separated (default: machine).")
    ] = "machine",
    order: Annotated[
        Literal["newest", "reported"], Query(description="newest: latest event date first, then most reported; "
                                             "reported: most sources first, then newest.")
    ] = "newest",
    limit: LimitParam = 100,
    offset: OffsetParam = 0,
) -> JSONResponse:
    """Events to check, with their review status, sources and claims counted; the events filters apply."""
    statuses = filters.review_status or parse_statuses(status) or ("machine",)
    query = dataclasses.replace(filters, review_status=statuses, limit=limit, offset=offset)
    items = review.review_queue(store, query, order)
    return JSONResponse({"limit": limit, "offset": offset, "order": order, "status": list(statuses), "items": items})


@reads.get("/places", summary="Gazetteer candidates for a place name")
def places(
    q: Annotated[str, Query(min_length=1, max_length=200, description="A place name.")],
    country: Annotated[str | None, Query(max_length=100, description="Country name or ISO code.")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> JSONResponse:
    """The gazetteer's entries for a name (most populous first): pick one to correct an event's place."""
    return JSONResponse({"items": review.place_candidates(q, country, limit)})


@reads.get("/changes", summary="The store's write generation")
def changes(store: StoreDep) -> dict[str, int]:
    """A number that changes whenever the store is written to: the live page polls it and reloads on a change."""
    return {"generation": store_review.generation(store)}


@router.get("/whoami", summary="The analyst a token belongs to")
def whoami(who: AnalystDep) -> dict[str, str]:
    """Checks a token: the analyst's name (401 / 403 otherwise)."""
    return {"analyst": who.name}


def install_review(app: FastAPI, open_reads: bool = True) -> None:
    """Give the app its authenticator, the auth error answers and the review routes (before the events routes,
    whose ``/events/{id}`` path would take ``/events/{id}/audit``)."""
    app.state.authenticator = Authenticator(app.state.store)
    app.state.open_reads = open_reads

    @app.exception_handler(AuthFailure)
    async def _auth(_request: Request, exc: AuthFailure) -> JSONResponse:
        code = "unauthorized" if exc.status == 401 else "forbidden"
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return error_response(exc.status, code, exc.message, headers=headers)

    app.include_router(router)
    app.include_router(reads)
