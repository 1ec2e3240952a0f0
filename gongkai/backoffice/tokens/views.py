"""Back-office pages for API tokens: list, create (the secret shown once), detail with recent calls, rotate, revoke.

Managed by the disclosure office and administrators (`api.tokens.token_for_staff`); a token outside the person's
scope answers 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.api import tokens
from gongkai.api.errors import ApiError
from gongkai.backoffice.decorators import staff_required
from gongkai.core.audit import action_label
from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.orgs.access import MANAGERS

from ..system.forms import show_error
from .forms import TokenForm

RECENT_CALLS = 20


def token_or_404(request, token_id: int):
    try:
        return tokens.token_for_staff(person=request.user, token_id=token_id)
    except AccessDenied as error:
        raise Http404 from error


def show_secret(request, issued, *, rotated: bool):
    response = render(
        request, "backoffice/tokens/secret.html", {"token": issued.token, "secret": issued.secret, "rotated": rotated}
    )
    response["Cache-Control"] = "no-store"
    return response


@staff_required(roles=MANAGERS)
def index(request):
    found = tokens.tokens_for_staff(request.user).order_by("revoked_at", "organization__name", "name", "id")
    return render(request, "backoffice/tokens/index.html", {"tokens": found})


@staff_required(roles=MANAGERS)
def create(request):
    form = TokenForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = tokens.create_token(
                organization=data["organization"],
                name=data["name"],
                scopes=data["scopes"],
                expires_at=form.expires_at(),
                rate_per_minute=data["rate_per_minute"],
                actor=request.user,
            )
        except (ApiError, AccessDenied) as error:
            show_error(form, error)
        else:
            return show_secret(request, issued, rotated=False)
    return render(request, "backoffice/tokens/create.html", {"form": form})


@staff_required(roles=MANAGERS)
def detail(request, token_id: int):
    token = token_or_404(request, token_id)
    calls = list(
        AuditEntry.objects.filter(target_type="api.apitoken", target_id=str(token.pk)).order_by("-at", "-id")[
            :RECENT_CALLS
        ]
    )
    for entry in calls:
        entry.action_label = action_label(entry.action)
    return render(request, "backoffice/tokens/detail.html", {"token": token, "calls": calls})


@require_POST
@staff_required(roles=MANAGERS)
def rotate(request, token_id: int):
    token = token_or_404(request, token_id)
    try:
        issued = tokens.rotate_token(token=token, actor=request.user)
    except ApiError as error:
        messages.error(request, error.message)
        return redirect("backoffice:tokens:detail", token_id=token.pk)
    return show_secret(request, issued, rotated=True)


@require_POST
@staff_required(roles=MANAGERS)
def revoke(request, token_id: int):
    token = tokens.revoke_token(token=token_or_404(request, token_id), actor=request.user)
    messages.success(request, _("令牌“%(name)s”已吊销，使用它的调用将被拒绝。") % {"name": token.name})
    return redirect("backoffice:tokens:detail", token_id=token.pk)
