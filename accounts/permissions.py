"""Project scoping: a key (or a team member) only reaches its own projects' resources.

Views that live under a project name it in the URL (`project_id` by default, or `project_url_kwarg`);
objects expose `project_id` (or the view implements `get_object_project_id(obj)`). Staff sessions
reach every project.

Another tenant's project or object answers exactly like a missing one (404, the same body), so ids
cannot be probed or counted. A caller with no credentials still gets 401/403 as usual.
"""

from __future__ import annotations

from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from accounts.selectors import project_is_accessible

NOT_FOUND = "Not found."


def _hidden() -> NotFound:
    return NotFound(NOT_FOUND)


class HasProjectAccess(BasePermission):
    message = "This API key (or user) has no access to that project."

    def has_permission(self, request: Request, view) -> bool:
        if not (request.user and request.user.is_authenticated):
            return False
        project_id = view.kwargs.get(getattr(view, "project_url_kwarg", "project_id"))
        if project_id is None:
            return True
        if not project_is_accessible(user=request.user, auth=request.auth, project_id=project_id):
            raise _hidden()
        return True

    def has_object_permission(self, request: Request, view, obj) -> bool:
        getter = getattr(view, "get_object_project_id", None)
        project_id = getter(obj) if getter else getattr(obj, "project_id", None)
        if project_id is None:
            return True
        if not project_is_accessible(user=request.user, auth=request.auth, project_id=project_id):
            meta = getattr(obj, "_meta", None)
            raise NotFound(f"No such {meta.verbose_name}." if meta is not None else NOT_FOUND)
        return True


class IsStaffOrApiKey(BasePermission):
    """Writes to shared domains (fleet, revenue reads): a staff session or any valid API key."""

    message = "This needs a staff session or an X-API-KEY."

    def has_permission(self, request: Request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and (user.is_staff or request.auth is not None))
