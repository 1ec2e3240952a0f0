"""Settings pages for people and their roles."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import MANAGERS, membership_for_staff, person_for_staff, require_may_grant
from gongkai.orgs.errors import OrgsError
from gongkai.orgs.selectors import memberships_of, organizations_managed_by, people_visible_to
from gongkai.orgs.services import (
    create_staff_member,
    grant_role,
    revoke_role,
    set_person_active,
    set_person_password,
    update_person,
)

from .forms import GrantRoleForm, PasswordForm, PersonCreateForm, PersonEditForm, show_error


@staff_required(roles=MANAGERS)
def people(request):
    query = request.GET.get("q", "").strip()
    organization_id = request.GET.get("organization") or None
    if organization_id:
        organization_id = int(organization_id) if organization_id.isdigit() else 0
    found = people_visible_to(request.user, query=query, organization_id=organization_id)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "backoffice/system/people.html",
        {
            "page": page,
            "query": query,
            "organizations": organizations_managed_by(request.user, include_inactive=False),
            "organization_id": organization_id,
        },
    )


@staff_required(roles=MANAGERS)
def person_create(request):
    form = PersonCreateForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            require_may_grant(request.user, data["organization"], data["role"])
            person = create_staff_member(actor=request.user, **data)
        except OrgsError as error:
            show_error(form, error)
        else:
            messages.success(request, _("已新增工作人员“%(name)s”。") % {"name": person})
            return redirect("backoffice:system:person", person_id=person.pk)
    return render(request, "backoffice/system/person_create.html", {"form": form})


def person_page(request, target, *, edit_form=None, password_form=None, grant_form=None):
    try:
        person_for_staff(person=request.user, person_id=target.pk, action="manage")
        manageable = True
    except AccessDenied:
        manageable = False
    context = {
        "target": target,
        "manageable": manageable,
        "memberships": memberships_of(target),
        "edit_form": edit_form
        or PersonEditForm(initial={"full_name": target.full_name, "email": target.email, "phone": target.phone}),
        "password_form": password_form or PasswordForm(),
        "grant_form": grant_form or GrantRoleForm(person=request.user),
    }
    return render(request, "backoffice/system/person.html", context)


@staff_required(roles=MANAGERS)
def person(request, person_id: int):
    target = person_for_staff(person=request.user, person_id=person_id)
    if request.method != "POST":
        return person_page(request, target)
    target = person_for_staff(person=request.user, person_id=person_id, action="manage")
    form = PersonEditForm(request.POST)
    if form.is_valid():
        try:
            update_person(person=target, actor=request.user, **form.cleaned_data)
        except OrgsError as error:
            show_error(form, error)
        else:
            messages.success(request, _("工作人员信息已保存。"))
            return redirect("backoffice:system:person", person_id=target.pk)
    return person_page(request, target, edit_form=form)


@require_POST
@staff_required(roles=MANAGERS)
def person_password(request, person_id: int):
    target = person_for_staff(person=request.user, person_id=person_id, action="manage")
    form = PasswordForm(request.POST)
    if form.is_valid():
        try:
            set_person_password(person=target, password=form.cleaned_data["password"], actor=request.user)
        except OrgsError as error:
            form.add_error("password", error.message)
        else:
            messages.success(request, _("已为“%(name)s”设置新密码，账号锁定（如有）已解除。") % {"name": target})
            return redirect("backoffice:system:person", person_id=target.pk)
    return person_page(request, target, password_form=form)


@require_POST
@staff_required(roles=MANAGERS)
def person_active(request, person_id: int):
    target = person_for_staff(person=request.user, person_id=person_id, action="manage")
    active = request.POST.get("active") == "1"
    try:
        set_person_active(person=target, active=active, actor=request.user)
    except OrgsError as error:
        messages.error(request, error.message)
    else:
        message = _("已恢复账号“%(name)s”。") if active else _("已停用账号“%(name)s”，该账号不能再登录。")
        messages.success(request, message % {"name": target})
    return redirect("backoffice:system:person", person_id=target.pk)


@require_POST
@staff_required(roles=MANAGERS)
def role_grant(request, person_id: int):
    target = person_for_staff(person=request.user, person_id=person_id)
    form = GrantRoleForm(request.POST, person=request.user)
    if form.is_valid():
        organization, role = form.cleaned_data["organization"], form.cleaned_data["role"]
        require_may_grant(request.user, organization, role)
        try:
            grant_role(person=target, organization=organization, role=role, actor=request.user)
        except OrgsError as error:
            show_error(form, error)
        else:
            messages.success(request, _("已授予角色。"))
            return redirect("backoffice:system:person", person_id=target.pk)
    return person_page(request, target, grant_form=form)


@require_POST
@staff_required(roles=MANAGERS)
def role_revoke(request, membership_id: int):
    membership = membership_for_staff(person=request.user, membership_id=membership_id)
    try:
        revoke_role(membership=membership, actor=request.user)
    except OrgsError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("已撤销“%(name)s”在“%(organization)s”的%(role)s角色。")
            % {
                "name": membership.person,
                "organization": membership.organization.name,
                "role": membership.get_role_display(),
            },
        )
    return redirect("backoffice:system:person", person_id=membership.person_id)
