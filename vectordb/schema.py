"""Validation of what users send: embeddings, the metadata schema, index settings.

Chunk and document metadata is one JSON object. A few common keys have a fixed type and are
checked and normalised; any other key is free-form (a JSON value).

| key          | type                                   | stored as                   |
|--------------|----------------------------------------|-----------------------------|
| `created_at` | ISO 8601 date or datetime (naive = UTC) | `YYYY-MM-DDTHH:MM:SS+00:00` |
| `updated_at` | same                                   | same                        |
| `source`     | string, up to 2,000 characters         |                             |
| `author`     | string, up to 200 characters           |                             |
| `language`   | string, up to 35 characters            |                             |
| `url`        | string, up to 2,000 characters         |                             |
| `tags`       | list of up to 100 strings (≤ 100 chars) | de-duplicated, order kept  |
| `page`       | integer ≥ 0                            |                             |
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from vectordb.engine import INDEX_TYPES, METRICS

MAX_METADATA_BYTES = 64 * 1024
MAX_DIMENSION = 4096
MAX_TEXT_CHARS = 100_000


class SchemaError(ValueError):
    """Invalid input; `errors` maps a field to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        self.errors = errors
        first = next(iter(errors.items()))
        super().__init__(f"{first[0]}: {first[1][0]}")


def _datetime(value: Any, key: str) -> str:
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            dt = datetime.fromisoformat(value)
        except ValueError:
            raise SchemaError({key: [f"{value!r} is not an ISO 8601 date or datetime"]}) from None
    else:
        raise SchemaError({key: ["must be an ISO 8601 date or datetime string"]})
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC).isoformat()


def _string(limit: int):
    def check(value: Any, key: str) -> str:
        if not isinstance(value, str):
            raise SchemaError({key: ["must be a string"]})
        if len(value) > limit:
            raise SchemaError({key: [f"at most {limit} characters"]})
        return value

    return check


def _tags(value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SchemaError({key: ["must be a list of strings"]})
    if len(value) > 100 or any(len(v) > 100 for v in value):
        raise SchemaError({key: ["at most 100 tags of at most 100 characters"]})
    return list(dict.fromkeys(value))


def _page(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise SchemaError({key: ["must be an integer >= 0"]})
    return value


FIXED_FIELDS = {
    "created_at": _datetime,
    "updated_at": _datetime,
    "source": _string(2000),
    "author": _string(200),
    "language": _string(35),
    "url": _string(2000),
    "tags": _tags,
    "page": _page,
}


def _check_json_value(value: Any, key: str, depth: int = 0) -> None:
    if depth > 10:
        raise SchemaError({key: ["nested too deeply (max 10 levels)"]})
    if isinstance(value, float) and not math.isfinite(value):
        raise SchemaError({key: ["numbers must be finite (no NaN or infinity)"]})
    if isinstance(value, dict):
        for k, v in value.items():
            _check_json_value(v, f"{key}.{k}", depth + 1)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_json_value(v, f"{key}[{i}]", depth + 1)
    elif not (value is None or isinstance(value, str | bool | int | float)):
        raise SchemaError({key: ["must be a JSON value"]})


def clean_metadata(value: Any, field: str = "metadata") -> dict:
    """The metadata with its fixed keys checked and normalised; SchemaError if invalid."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise SchemaError({field: ["must be a JSON object"]})
    out: dict[str, Any] = {}
    for key, item in value.items():
        if not isinstance(key, str) or not key or len(key) > 200 or key.startswith("$"):
            raise SchemaError({field: [f"invalid key {key!r}: 1 to 200 characters, not starting with '$'"]})
        where = f"{field}.{key}"
        out[key] = FIXED_FIELDS[key](item, where) if key in FIXED_FIELDS else item
        if key not in FIXED_FIELDS:
            _check_json_value(item, where)
    if len(json.dumps(out, default=str)) > MAX_METADATA_BYTES:
        raise SchemaError({field: [f"at most {MAX_METADATA_BYTES // 1024} KiB of JSON"]})
    return out


def clean_embedding(value: Any, *, dimension: int, metric: str, field: str = "embedding") -> np.ndarray:
    """A float32 vector of `dimension` finite values (non-zero for cosine); SchemaError if not."""
    if isinstance(value, np.ndarray):
        arr = value
    else:
        if not isinstance(value, list | tuple):
            raise SchemaError({field: ["must be a list of numbers"]})
        # One C-level pass: numpy infers the element type (strings, nulls, nested lists or huge
        # integers give a non-numeric dtype); booleans are refused even mixed with numbers.
        try:
            arr = np.array(value)
        except (ValueError, OverflowError, TypeError):
            raise SchemaError({field: ["must be a list of numbers"]}) from None
        if arr.dtype.kind not in "iuf" or not set(map(type, value)) <= {int, float}:
            raise SchemaError({field: ["must be a list of numbers"]})
        arr = arr.astype(np.float64, copy=False)
    if arr.ndim != 1 or arr.shape[0] != dimension:
        raise SchemaError({field: [f"must have {dimension} dimensions, got {arr.shape[0] if arr.ndim else 0}"]})
    if not np.isfinite(arr).all():
        raise SchemaError({field: ["must contain only finite numbers (no NaN or infinity)"]})
    as32 = arr.astype(np.float32)
    if not np.isfinite(as32).all():
        raise SchemaError({field: ["values must fit in float32"]})
    if metric == "cosine" and not np.any(as32):
        raise SchemaError({field: ["a zero vector cannot be compared by cosine similarity"]})
    return as32


def clean_metric(metric: Any) -> str:
    if metric not in METRICS:
        raise SchemaError({"metric": [f"unknown metric {metric!r}; use one of {', '.join(METRICS)}"]})
    return metric


def clean_dimension(dimension: Any) -> int:
    if isinstance(dimension, bool) or not isinstance(dimension, int) or not 1 <= dimension <= MAX_DIMENSION:
        raise SchemaError({"dimension": [f"must be an integer from 1 to {MAX_DIMENSION}"]})
    return dimension


def clean_index(index_type: Any, params: Any) -> tuple[str, dict]:
    if index_type not in INDEX_TYPES:
        raise SchemaError({"index_type": [f"unknown index type {index_type!r}; use one of {', '.join(INDEX_TYPES)}"]})
    if params is None:
        params = {}
    if not isinstance(params, dict):
        raise SchemaError({"index_params": ["must be a JSON object"]})
    try:
        INDEX_TYPES[index_type].clean_params(params)
    except (TypeError, ValueError) as exc:
        raise SchemaError({"index_params": [str(exc)]}) from None
    return index_type, params


def clean_text(value: Any, field: str = "text") -> str:
    if not isinstance(value, str):
        raise SchemaError({field: ["must be a string"]})
    if len(value) > MAX_TEXT_CHARS:
        raise SchemaError({field: [f"at most {MAX_TEXT_CHARS} characters"]})
    return value
