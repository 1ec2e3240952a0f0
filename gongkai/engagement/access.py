"""Who may do what in engagement: one rule table and one access function per kind of object, on `orgs.access`.

- view: any staff role in the object's organization (or an office above it, or an admin);
- handle (answer, transfer, redirect, register, enter comments and paper questionnaires, write reports): clerk,
  reviewer, office, admin;
- review (approve an answer, a call, an adoption report): reviewer, office, admin — never one's own work;
- manage (mailboxes, publishing inquiries and FAQs, publishing and archiving calls, surveys): office, admin.
Objects outside a person's scope are reported as missing (views answer 404).
"""

from django.http import Http404

from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import ALL_ROLES, has_role, organizations_for
from gongkai.orgs.models import Role

from .models import CommentCall, Inquiry, Mailbox, Survey

ROLES_BY_ACTION = {
    "view": ALL_ROLES,
    "handle": (Role.CLERK, Role.REVIEWER, Role.OFFICE, Role.ADMIN),
    "review": (Role.REVIEWER, Role.OFFICE, Role.ADMIN),
    "manage": (Role.OFFICE, Role.ADMIN),
}


def can(person, organization, action: str) -> bool:
    return has_role(person, organization, ROLES_BY_ACTION[action])


def organizations_where(person, action: str):
    return organizations_for(person, ROLES_BY_ACTION[action])


def require(person, organization, action: str) -> None:
    """AccessDenied (403) when the person may see the object but not do `action` on it."""
    if not can(person, organization, action):
        raise AccessDenied()


def _checked(obj, person, action: str):
    if obj is None or not can(person, obj.organization, "view"):
        raise Http404
    require(person, obj.organization, action)
    return obj


def inquiry_for_staff(*, inquiry_id, person, action: str = "view") -> Inquiry:
    inquiry = (
        Inquiry.objects.select_related("organization__region", "mailbox", "handler", "answered_by", "domain")
        .filter(pk=inquiry_id)
        .first()
    )
    return _checked(inquiry, person, action)


def mailbox_for_staff(*, mailbox_id, person, action: str = "view") -> Mailbox:
    return _checked(Mailbox.objects.select_related("organization").filter(pk=mailbox_id).first(), person, action)


def call_for_staff(*, call_id, person, action: str = "view") -> CommentCall:
    call = CommentCall.objects.select_related("organization__region", "draft_record", "final_policy")
    return _checked(call.filter(pk=call_id).first(), person, action)


def survey_for_staff(*, survey_id, person, action: str = "view") -> Survey:
    return _checked(Survey.objects.select_related("organization").filter(pk=survey_id).first(), person, action)
