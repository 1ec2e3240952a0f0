"""Views of the back-office shell: sign-in, the workbench and the audit log."""

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gongkai.core.audit import ACTION_LABELS, action_label
from gongkai.orgs.access import organizations_for
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.models import Role
from gongkai.orgs.selectors import audit_entries_for
from gongkai.orgs.services import is_locked, set_person_password

from .decorators import staff_required
from .forms import LoginForm, OwnPasswordForm
from .workbench import collect_panels


class LoginView(auth_views.LoginView):
    template_name = "backoffice/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@staff_required
def home(request):
    overseen = (
        organizations_for(request.user, (Role.ADMIN, Role.OFFICE))
        .select_related("region")
        .order_by("region__path", "sort_order", "id")
    )
    selected = request.GET.get("organization", "")
    context = {
        "panels": collect_panels(request),
        # Offices and administrators may narrow every panel to one organization they oversee.
        "overseen_organizations": list(overseen.only("id", "name", "region__path")),
        "selected_organization": int(selected) if selected.isdigit() else None,
    }
    return render(request, "backoffice/home.html", context)


@staff_required(roles=(Role.ADMIN, Role.OFFICE))
def audit(request):
    entries = audit_entries_for(
        person=request.user,
        action=request.GET.get("action", "").strip(),
        actor=request.GET.get("actor", "").strip(),
        target=request.GET.get("target", "").strip(),
        date_from=request.GET.get("from", "").strip(),
        date_to=request.GET.get("to", "").strip(),
    )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for entry in page:
        entry.action_label = action_label(entry.action)
    known_actions = sorted((code, str(label)) for code, label in ACTION_LABELS.items())
    return render(
        request, "backoffice/audit.html", {"page": page, "filters": request.GET, "known_actions": known_actions}
    )


@staff_required
def own_password(request):
    form = OwnPasswordForm(request.POST or None, person=request.user, request=request)
    valid = request.method == "POST" and form.is_valid()
    request.user.refresh_from_db(fields=["locked_until"])
    if is_locked(request.user):  # too many wrong current passwords: the account is locked like a failed sign-in
        logout(request)
        return redirect("backoffice:login")
    if valid:
        try:
            set_person_password(person=request.user, password=form.cleaned_data["password"], actor=request.user)
        except OrgsError as error:
            form.add_error("password", error.message)
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("密码已修改。"))
            return redirect("backoffice:home")
    return render(request, "backoffice/password.html", {"form": form})
