"""The one check services make before a staff member's change."""

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied


def permission_require(user: User | AnonymousUser, permission: str) -> None:
    """Raise PermissionDenied unless `user` holds `permission` ("app.codename")."""
    if not user.has_perm(permission):
        raise PermissionDenied(f"{user.get_username()} lacks {permission}.")
