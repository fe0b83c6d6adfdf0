"""Exceptions: every failure the client raises is a `VectorDBError`.

API errors carry what the server said: its JSON error body is `{"detail", "code", "errors"}`
(`errors` maps a field such as `chunks[3].embedding` to messages, for validation failures).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import httpx

    from vendomo_vectordb.models import IndexBuild, PipelineRun


class VectorDBError(Exception):
    """Base class of everything this client raises."""


class APIError(VectorDBError):
    """The server answered with an error status."""

    def __init__(
        self,
        status_code: int,
        detail: str,
        code: str | None = None,
        errors: dict[str, list[str]] | None = None,
        *,
        body: Any = None,
        method: str = "",
        url: str = "",
    ) -> None:
        self.status_code = status_code
        self.detail = detail
        self.code = code
        self.errors: dict[str, list[str]] = errors or {}
        self.body = body
        self.method = method
        self.url = url
        super().__init__(str(self))

    def __str__(self) -> str:
        text = f"{self.status_code} {self.code or 'error'}: {self.detail}"
        if self.errors:
            fields = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in self.errors.items())
            text += f" ({fields})"
        return text

    @classmethod
    def from_response(cls, response: httpx.Response) -> APIError:
        try:
            body: Any = response.json()
        except ValueError:
            body = response.text
        detail, code, errors = response.reason_phrase or "error", None, None
        if isinstance(body, dict):
            detail = str(body.get("detail") or detail)
            code = body.get("code") if isinstance(body.get("code"), str) else None
            raw_errors = body.get("errors")
            if isinstance(raw_errors, dict):
                errors = {
                    str(k): [str(m) for m in v] if isinstance(v, list) else [str(v)] for k, v in raw_errors.items()
                }
        elif isinstance(body, str) and body.strip():
            detail = body.strip()[:500]
        status = response.status_code
        klass = _BY_STATUS.get(status) or (ServerError if status >= 500 else APIError)
        return klass(
            status,
            detail,
            code,
            errors,
            body=body,
            method=response.request.method if response.request else "",
            url=str(response.request.url) if response.request else "",
        )


class BadRequestError(APIError):
    """400: the request was malformed (not JSON, a wrong type, an out-of-range query parameter)."""


class AuthenticationError(APIError):
    """401: no credentials were sent."""


class PermissionDeniedError(APIError):
    """403: the key is unknown, revoked or expired, or it cannot reach that project."""


class NotFoundError(APIError):
    """404: no such library, document, chunk or build (or path)."""


class ConflictError(APIError):
    """409: the request conflicts with the current state."""


class ValidationError(APIError):
    """422: values were wrong; `errors` names each field (`chunks[3].embedding`) and what is wrong."""


class RateLimitError(APIError):
    """429: too many requests (retried automatically first)."""


class ServerError(APIError):
    """5xx: the server failed (retried automatically first)."""


_BY_STATUS: dict[int, type[APIError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: ValidationError,
    429: RateLimitError,
}


class TransportError(VectorDBError):
    """The server could not be reached (or the connection broke) after all retries."""


class BulkUploadError(VectorDBError):
    """A batch of a bulk upload failed for good. Earlier batches were stored: `uploaded_ids` lists them.

    `errors` are the server's field errors with chunk indexes renumbered to positions in the whole
    upload (the server numbers them within the batch).
    """

    def __init__(self, cause: VectorDBError, *, batch_index: int, first_position: int, uploaded_ids: list[str]) -> None:
        self.cause = cause
        self.batch_index = batch_index
        self.first_position = first_position
        self.uploaded_ids = uploaded_ids
        self.errors: dict[str, list[str]] = {}
        if isinstance(cause, APIError):
            self.errors = {_renumber(field, first_position): msgs for field, msgs in cause.errors.items()}
        where = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in self.errors.items())
        super().__init__(
            f"batch {batch_index} (chunks from position {first_position}) failed after "
            f"{len(uploaded_ids)} chunks were stored: {cause}" + (f" [{where}]" if where else "")
        )


def _renumber(field: str, offset: int) -> str:
    prefix = "chunks["
    if field.startswith(prefix) and "]" in field:
        index, _, rest = field[len(prefix) :].partition("]")
        if index.isdigit():
            return f"{prefix}{int(index) + offset}]{rest}"
    return field


class IndexBuildFailedError(VectorDBError):
    """An index build ended in `failed`; `build.error` says why."""

    def __init__(self, build: IndexBuild) -> None:
        self.build = build
        super().__init__(f"index build {build.id} failed: {build.error or build.message or 'no reason given'}")


class WaitTimeoutError(VectorDBError):
    """Waiting took longer than the timeout; `build` (or `run`) is the last known state."""

    def __init__(self, build: IndexBuild | None, timeout: float, *, run: PipelineRun | None = None) -> None:
        self.build = build
        self.run = run
        if build is not None:
            what = f"index build {build.id} still {build.status} ({build.progress:.0%})"
        else:
            what = f"pipeline run {run.id if run else '?'} still {run.status if run else 'unknown'}"
        super().__init__(f"{what} after {timeout:g} s of waiting")


class PipelineFailedError(VectorDBError):
    """A pipeline run ended in `failed`; `run.error` names the step and why."""

    def __init__(self, run: PipelineRun) -> None:
        self.run = run
        super().__init__(f"pipeline run {run.id} failed: {run.error or 'no reason given'}")
