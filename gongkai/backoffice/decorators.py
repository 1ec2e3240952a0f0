"""Guards for back-office views. Object-level checks live in each domain app's access functions."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from gongkai.core.errors import AccessDenied, NotInScope
from gongkai.orgs.access import is_staff_member, roles_of


def staff_required(view=None, *, roles=None):
    """Signed-in staff only (any role, or one of `roles`); turns NotInScope raised inside into 404 (no existence
    oracle) and any other AccessDenied into 403."""

    def decorator(view_func):
        @wraps(view_func)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not is_staff_member(request.user):
                raise PermissionDenied
            if roles is not None and not roles_of(request.user) & set(roles):
                raise PermissionDenied
            try:
                return view_func(request, *args, **kwargs)
            except NotInScope as error:
                raise Http404(error.message) from error
            except AccessDenied as error:
                raise PermissionDenied(error.message) from error

        return wrapper

    return decorator(view) if view is not None else decorator
