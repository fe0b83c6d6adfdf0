"""Public ids: libraries, documents, chunks, index builds and projects are named in every API by a
random UUID (`uuid` on the model); the integer primary keys stay internal. One parser for all the
places an id comes in (paths, query strings, bodies, the replication write queue)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from rest_framework import serializers

from core.exceptions import Unprocessable


def parse(value: Any) -> UUID | None:
    """`value` as a UUID (a `UUID`, or its text in any standard form), or None when it is not one.
    Integers are not ids (DRF's UUIDField would read one as a UUID's number)."""
    if isinstance(value, UUID):
        return value
    if isinstance(value, str) and len(value) <= 64:
        try:
            return UUID(value)
        except ValueError:
            return None
    return None


def public_id(value: Any, field: str) -> UUID:
    """A public id sent in a path, query or body: a UUID, else 422 naming the field (the vector
    database's validation rule)."""
    parsed = parse(value)
    if parsed is None:
        raise Unprocessable({field: ["must be a UUID"]})
    return parsed


class PublicIdField(serializers.UUIDField):
    """An id sent in a body: a UUID's text only."""

    def to_internal_value(self, data: Any) -> UUID:
        if not isinstance(data, str):
            self.fail("invalid", value=data)
        return super().to_internal_value(data)
