"""The Vendomo client's request contract (see fleet/README.md, "The Vendomo client contract").

Inputs of the contracted endpoints are validated with pydantic, the way the original FastAPI service
did, so a bad path id, query value or body answers 422 `{"detail": [{type, loc, msg, input, ctx?}]}`
with `loc` starting `"path"`, `"query"` or `"body"`. Unknown machines answer 404
`{"detail": "Machine not found"}`, a wrong method 405 `{"detail": "Method Not Allowed"}`.
"""

from __future__ import annotations

import json
import math
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, TypeAdapter, ValidationError
from rest_framework import exceptions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.authentication import ApiKeyAuthentication
from core.parsers import MAX_DEPTH, SURROGATE, find_bad_string, json_depth
from fleet.auth import OriginCheckedSessionAuthentication

MAX_BULK = 10_000


def _no_nul(value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]


def _utc(value: datetime | None) -> datetime | None:
    """Stored in UTC (naive means UTC); the database refuses offsets beyond ±15:59."""
    if value is None:
        return None
    try:
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    except OverflowError as exc:
        raise ValueError("date out of range in UTC") from exc


Timestamp = Annotated[datetime, AfterValidator(_utc)]


def _text(max_length: int, **kwargs: Any) -> Any:
    return Field(max_length=max_length, **kwargs)


class Unprocessable(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY

    def __init__(self, errors: list[dict]) -> None:
        self.errors = errors
        super().__init__("Validation failed")


class MachineNotFound(exceptions.NotFound):
    default_detail = "Machine not found"


def _clean(errors: list[dict], prefix: tuple) -> list[dict]:
    cleaned = []
    for error in errors:
        item = {"type": error["type"], "loc": [*prefix, *error["loc"]], "msg": error["msg"], "input": error["input"]}
        if error.get("ctx"):
            item["ctx"] = {k: v if isinstance(v, int | float | str | bool) else str(v) for k, v in error["ctx"].items()}
        cleaned.append(item)
    return cleaned


def validate(adapter: type[BaseModel] | TypeAdapter, data: Any, where: str) -> Any:
    """Validate `data` against a model or adapter; 422 with FastAPI's body on failure."""
    try:
        if isinstance(adapter, TypeAdapter):
            return adapter.validate_python(data)
        return adapter.model_validate(data)
    except ValidationError as exc:
        raise Unprocessable(_clean(exc.errors(include_url=False), (where,))) from exc


def query(model: type[BaseModel], request: Request) -> Any:
    return validate(model, request.query_params.dict(), "query")


_UUID = TypeAdapter(uuid.UUID)


def path_uuid(value: str, name: str = "machine_id") -> uuid.UUID:
    try:
        return _UUID.validate_python(value)
    except ValidationError as exc:
        raise Unprocessable(_clean(exc.errors(include_url=False), ("path", name))) from exc


def _json_invalid(pos: int, msg: str) -> Unprocessable:
    return Unprocessable(
        [{"type": "json_invalid", "loc": ["body", pos], "msg": "JSON decode error", "input": {}, "ctx": {"error": msg}}]
    )


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def _finite(literal: str) -> float:
    value = float(literal)
    if math.isinf(value):  # 1e999: no JSON response (nor Postgres float) can carry it back
        raise ValueError(f"{literal[:40]} is out of range for a number")
    return value


def json_body(request: Request) -> Any:
    """The raw JSON body (FastAPI's `json_invalid` error for malformed JSON), with the platform parser's
    limits (core/parsers.py): nesting depth, non-finite literals, oversized integers, NUL characters and
    lone surrogates are refused with a 422 here, never a 500 further down (the database or the response)."""
    raw = request.body
    depth = json_depth(raw)
    if depth > MAX_DEPTH:
        raise _json_invalid(0, f"nested {depth} levels deep; at most {MAX_DEPTH} levels are accepted")
    try:
        data = json.loads(raw or b"null", parse_constant=_refuse_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        raise _json_invalid(exc.pos, exc.msg) from exc
    except UnicodeDecodeError as exc:
        raise _json_invalid(exc.start, "invalid UTF-8") from exc
    except (ValueError, RecursionError) as exc:  # NaN/Infinity, integers past 4,300 digits
        raise _json_invalid(0, str(exc)) from exc
    bad = find_bad_string(data, lambda text: "\x00" in text or SURROGATE.search(text) is not None)
    if bad is not None:
        raise Unprocessable(
            [
                {
                    "type": "string_type",
                    "loc": ["body", *bad.split(".")],
                    "msg": "Input should be a valid string without NUL characters or unpaired surrogates",
                    "input": None,
                }
            ]
        )
    return data


# --- inputs ------------------------------------------------------------------------------------


class Page(BaseModel):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0, le=10_000_000)


class MachineListQuery(Page):
    status: Annotated[Text, _text(32)] | None = None
    region: Annotated[Text, _text(64)] | None = None
    q: Annotated[Text, _text(200)] | None = None


class MapQuery(BaseModel):
    status: Annotated[Text, _text(32)] | None = None
    region: Annotated[Text, _text(64)] | None = None


class ServiceLogQuery(Page):
    machine_id: uuid.UUID | None = None
    type: Annotated[Text, _text(16)] | None = None


class InventoryLine(BaseModel):
    product: Annotated[Text, _text(100)]
    quantity: int = Field(ge=0, le=100_000)


class MachineIn(BaseModel):
    """The original's machine body and defaults; `inventory` is ours (the client never sends it)."""

    name: Annotated[Text, _text(200)]
    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)
    city: Annotated[Text, _text(100)]
    region: Annotated[Text, _text(64)]
    model: Annotated[Text, _text(100)] = "VendoMax 3000"
    manufacturer: Annotated[Text, _text(100)] = "Vendomo"
    status: Literal["operational", "needs_service", "offline"] = "operational"
    address: Annotated[Text, _text(255)] = ""
    location_description: Annotated[Text, _text(255)] | None = None
    country: Annotated[Text, _text(64)] = "USA"
    capacity: int = Field(40, ge=0, le=100_000)
    asset_tag: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$")] | None = None
    installed_at: Timestamp | None = None
    last_serviced_at: Timestamp | None = None
    inventory: list[InventoryLine] = Field(default_factory=list, max_length=200)


MACHINES_IN = TypeAdapter(Annotated[list[MachineIn], Field(max_length=MAX_BULK)])


class ServiceLogIn(BaseModel):
    machine_id: uuid.UUID
    technician: Annotated[Text, _text(120)]
    type: Annotated[Text, _text(16)] = "inspection"
    notes: Annotated[Text, _text(5000)] = ""


# --- the views' base ---------------------------------------------------------------------------


class ContractApi(APIView):
    """Fleet endpoints of the Vendomo contract: FastAPI-shaped 404/405/422 bodies. Writes accept an
    API key or a staff session whose request comes from a trusted origin (see fleet/auth.py)."""

    authentication_classes = [ApiKeyAuthentication, OriginCheckedSessionAuthentication]

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        if not hasattr(self, request.method.lower()):  # 405 before authentication, as the original
            raise exceptions.MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, Unprocessable):
            return Response({"detail": exc.errors}, status=422)
        if isinstance(exc, exceptions.MethodNotAllowed):
            allowed = ", ".join(m for m in self.allowed_methods if m not in ("HEAD", "OPTIONS"))
            return Response({"detail": "Method Not Allowed"}, status=405, headers={"Allow": allowed})
        if isinstance(exc, exceptions.NotFound):
            return Response({"detail": str(exc.detail)}, status=404)
        return super().handle_exception(exc)
