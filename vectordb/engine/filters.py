"""Metadata filters: parse a JSON filter, evaluate it into a boolean mask over index slots.

Grammar (MongoDB-like, so it reads as users expect):

    {"author": "ada"}                              equality (on a list field: the list contains it)
    {"year": {"$gte": 2020, "$lt": 2024}}          ranges on numbers
    {"created_at": {"$gte": "2024-01-01"}}         ranges on dates (ISO 8601 strings, UTC if naive)
    {"source": {"$in": ["a", "b"]}}  / "$nin"       membership
    {"title": {"$contains": "index"}}              substring (case-insensitive with "$icontains")
    {"tags": {"$ne": "draft"}}, {"x": {"$exists": true}}
    {"$and": [f, ...]}, {"$or": [f, ...]}, {"$not": f}; several keys in one object are ANDed.

`document_id` filters on the chunk's document. Evaluation is column-wise with numpy: equality and
membership go through an inverted index (value -> slots), ranges through float64 columns, both kept
up to date incrementally as rows change; substring scans the string values of the field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

MAX_DEPTH = 16
MAX_IN = 10_000
COMPARE_OPS = {"$gt", "$gte", "$lt", "$lte"}
OPS = {"$eq", "$ne", "$in", "$nin", "$contains", "$icontains", "$exists", *COMPARE_OPS}


class FilterError(ValueError):
    """The filter is malformed; the message says where and why."""


@dataclass(frozen=True)
class Cond:
    field: str
    op: str
    value: Any


@dataclass(frozen=True)
class And:
    children: tuple


@dataclass(frozen=True)
class Or:
    children: tuple


@dataclass(frozen=True)
class Not:
    child: Any


def parse_datetime(value: Any) -> float | None:
    """Epoch seconds of an ISO 8601 date/datetime string (naive = UTC), or None."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, date):
        dt = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and 4 <= len(value) <= 40 and value[:4].isdigit():
        try:
            dt = datetime.fromisoformat(value)
        except ValueError:
            return None
    else:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | bool | int | float)


def compile_filter(obj: Any, path: str = "filter", depth: int = 0) -> Any:
    """The filter's syntax tree; FilterError with the offending path when it is malformed."""
    if depth > MAX_DEPTH:
        raise FilterError(f"{path}: nested too deeply (max {MAX_DEPTH})")
    if not isinstance(obj, dict):
        raise FilterError(f"{path}: a filter is a JSON object")
    parts = []
    for key, value in obj.items():
        where = f"{path}.{key}"
        if key in ("$and", "$or"):
            if not isinstance(value, list) or not value:
                raise FilterError(f"{where}: expects a non-empty list of filters")
            children = tuple(compile_filter(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value))
            parts.append(And(children) if key == "$and" else Or(children))
        elif key == "$not":
            parts.append(Not(compile_filter(value, where, depth + 1)))
        elif key.startswith("$"):
            raise FilterError(f"{where}: unknown operator {key!r} (use $and, $or, $not at this level)")
        elif not key or len(key) > 200:
            raise FilterError(f"{where}: a field name is 1 to 200 characters")
        elif isinstance(value, dict):
            if not value:
                raise FilterError(f"{where}: an empty condition")
            for op, operand in value.items():
                parts.append(_compile_cond(key, op, operand, f"{where}.{op}"))
        else:
            parts.append(_compile_cond(key, "$eq", value, where))
    if not parts:
        return And(())
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def _compile_cond(field: str, op: str, value: Any, where: str) -> Cond:
    if op not in OPS:
        raise FilterError(f"{where}: unknown operator {op!r}; use one of {', '.join(sorted(OPS))}")
    if op in ("$eq", "$ne"):
        if not _is_scalar(value):
            raise FilterError(f"{where}: compares with a string, number, boolean or null")
    elif op in ("$in", "$nin"):
        if not isinstance(value, list) or not all(_is_scalar(v) for v in value):
            raise FilterError(f"{where}: expects a list of strings, numbers, booleans or nulls")
        if len(value) > MAX_IN:
            raise FilterError(f"{where}: at most {MAX_IN} values")
    elif op in COMPARE_OPS:
        if isinstance(value, bool) or not (isinstance(value, int | float) or parse_datetime(value) is not None):
            raise FilterError(f"{where}: compares with a number or an ISO 8601 date")
        if isinstance(value, float) and not math.isfinite(value):
            raise FilterError(f"{where}: the number must be finite")
    elif op in ("$contains", "$icontains"):
        if not isinstance(value, str):
            raise FilterError(f"{where}: expects a string")
    elif op == "$exists" and not isinstance(value, bool):
        raise FilterError(f"{where}: expects true or false")
    if isinstance(value, float) and not math.isfinite(value):
        raise FilterError(f"{where}: the number must be finite")
    return Cond(field, op, value)


def _key(value: Any) -> Any:
    """Hashable key for the inverted index; 1 and 1.0 are equal, True is not 1."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", float(value))
    return ("s", value) if isinstance(value, str) else ("o", repr(value))


def _elements(value: Any) -> list:
    if isinstance(value, list):
        return [v for v in value if _is_scalar(v)]
    return [value] if _is_scalar(value) else []


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return math.nan
    return float(value)


def _as_date(value: Any) -> float:
    parsed = parse_datetime(value)
    return math.nan if parsed is None else parsed


class MetadataTable:
    """Metadata rows aligned with index slots, with lazily built, incrementally kept columns."""

    def __init__(self) -> None:
        self.rows: list[dict | None] = []
        self._inverted: dict[str, dict[Any, set[int]]] = {}
        self._numbers: dict[str, np.ndarray] = {}
        self._dates: dict[str, np.ndarray] = {}

    def __len__(self) -> int:
        return len(self.rows)

    def _ensure(self, size: int) -> None:
        if size > len(self.rows):
            self.rows.extend([None] * (size - len(self.rows)))

    def set(self, slot: int, row: dict | None) -> None:
        self._ensure(slot + 1)
        old = self.rows[slot]
        self.rows[slot] = row
        for key, inverted in self._inverted.items():
            for v in _elements((old or {}).get(key)) if old and key in old else ():
                bucket = inverted.get(_key(v))
                if bucket is not None:
                    bucket.discard(slot)
            if row and key in row:
                for v in _elements(row[key]):
                    inverted.setdefault(_key(v), set()).add(slot)
        for key, column in self._numbers.items():
            if slot < len(column):
                column[slot] = _number(row.get(key)) if row else math.nan
        for key, column in self._dates.items():
            if slot < len(column):
                column[slot] = _as_date(row.get(key)) if row else math.nan

    def clear(self, slot: int) -> None:
        if slot < len(self.rows):
            self.set(slot, None)

    # --- columns -----------------------------------------------------------------------------
    def _inverted_for(self, key: str) -> dict[Any, set[int]]:
        inverted = self._inverted.get(key)
        if inverted is None:
            inverted = {}
            for slot, row in enumerate(self.rows):
                if row and key in row:
                    for v in _elements(row[key]):
                        inverted.setdefault(_key(v), set()).add(slot)
            self._inverted[key] = inverted
        return inverted

    def _column(self, store: dict[str, np.ndarray], key: str, convert, size: int) -> np.ndarray:
        column = store.get(key)
        if column is None or len(column) < size:
            column = np.fromiter(
                (convert(row.get(key)) if row else math.nan for row in self.rows),
                dtype=np.float64,
                count=len(self.rows),
            )
            column = np.concatenate([column, np.full(max(0, size - len(column)), math.nan)])
            store[key] = column
        return column[:size]

    # --- evaluation --------------------------------------------------------------------------
    def mask(self, node: Any, size: int) -> np.ndarray:
        """Boolean mask over slots [0, size) of the rows the filter keeps."""
        self._ensure(size)
        return self._eval(node, size)

    def _slots_mask(self, slots: set[int] | list[int], size: int) -> np.ndarray:
        mask = np.zeros(size, dtype=bool)
        if slots:
            arr = np.fromiter(slots, dtype=np.int64, count=len(slots))
            mask[arr[arr < size]] = True
        return mask

    def _exists(self, field: str, size: int) -> np.ndarray:
        return np.fromiter((bool(row) and field in row for row in self.rows[:size]), dtype=bool, count=size)

    def _eval(self, node: Any, size: int) -> np.ndarray:
        if isinstance(node, And):
            mask = np.ones(size, dtype=bool)
            for child in node.children:
                mask &= self._eval(child, size)
            return mask
        if isinstance(node, Or):
            mask = np.zeros(size, dtype=bool)
            for child in node.children:
                mask |= self._eval(child, size)
            return mask
        if isinstance(node, Not):
            return ~self._eval(node.child, size)
        return self._cond(node, size)

    def _cond(self, cond: Cond, size: int) -> np.ndarray:
        field, op, value = cond.field, cond.op, cond.value
        if op == "$exists":
            exists = self._exists(field, size)
            return exists if value else ~exists
        if op in ("$eq", "$in", "$ne", "$nin"):
            inverted = self._inverted_for(field)
            values = value if op in ("$in", "$nin") else [value]
            slots: set[int] = set()
            for v in values:
                slots |= inverted.get(_key(v), set())
            mask = self._slots_mask(slots, size)
            if value is None and op in ("$eq", "$ne"):
                mask |= ~self._exists(field, size)  # a missing field equals null
            return mask if op in ("$eq", "$in") else ~mask
        if op in COMPARE_OPS:
            if isinstance(value, int | float):
                column, bound = self._column(self._numbers, field, _number, size), float(value)
            else:
                column, bound = self._column(self._dates, field, _as_date, size), parse_datetime(value)
            with np.errstate(invalid="ignore"):
                if op == "$gt":
                    return column > bound
                if op == "$gte":
                    return column >= bound
                if op == "$lt":
                    return column < bound
                return column <= bound
        # substring
        needle = value.lower() if op == "$icontains" else value
        out = np.zeros(size, dtype=bool)
        for slot, row in enumerate(self.rows[:size]):
            if not row:
                continue
            got = row.get(field)
            texts = got if isinstance(got, list) else [got]
            for text in texts:
                if isinstance(text, str) and needle in (text.lower() if op == "$icontains" else text):
                    out[slot] = True
                    break
        return out
