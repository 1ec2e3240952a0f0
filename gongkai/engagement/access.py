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

from .models import (
    OPEN_INQUIRY_STATUSES,
    CallStatus,
    CommentCall,
    Inquiry,
    InquiryStatus,
    Mailbox,
    Survey,
    SurveyStatus,
)

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


# Which inquiry actions are possible in which states and for whom (the services check the same rules).
INQUIRY_ACTIONS = {
    "assign": ("handle", (InquiryStatus.RECEIVED, InquiryStatus.IN_PROGRESS)),
    "answer": ("handle", (InquiryStatus.RECEIVED, InquiryStatus.IN_PROGRESS)),
    "return": ("review", (InquiryStatus.IN_REVIEW,)),
    "approve": ("review", (InquiryStatus.IN_REVIEW,)),
    "redirect": ("handle", OPEN_INQUIRY_STATUSES),
    "convert": ("handle", OPEN_INQUIRY_STATUSES),
    "invalidate": ("review", OPEN_INQUIRY_STATUSES),
    "publish": ("manage", (InquiryStatus.ANSWERED,)),
    "unpublish": ("manage", (InquiryStatus.ANSWERED,)),
}


def inquiry_actions(person, inquiry: Inquiry) -> list[str]:
    """The actions the person may take on the inquiry now (what the back office offers as buttons)."""
    allowed = []
    for name, (permission, statuses) in INQUIRY_ACTIONS.items():
        if inquiry.status not in statuses or not can(person, inquiry.organization, permission):
            continue
        if name == "approve" and inquiry.answered_by_id == getattr(person, "pk", None):
            continue
        if name == "publish" and (inquiry.is_published or not inquiry.consents_to_publish):
            continue
        if name == "unpublish" and not inquiry.is_published:
            continue
        allowed.append(name)
    return allowed


CALL_ACTIONS = {
    "submit": ("handle", (CallStatus.DRAFT,)),
    "approve": ("review", (CallStatus.PENDING_APPROVAL,)),
    "publish": ("manage", (CallStatus.APPROVED,)),
    "close": ("handle", (CallStatus.OPEN,)),
    "publish_feedback": ("review", (CallStatus.REVIEWING,)),
    "archive": ("manage", (CallStatus.FEEDBACK_PUBLISHED,)),
}


def call_actions(person, call: CommentCall) -> list[str]:
    """The life-cycle steps the person may take on the call now; self-approval is left out."""
    allowed = []
    for name, (permission, statuses) in CALL_ACTIONS.items():
        if call.status in statuses and can(person, call.organization, permission):
            if name == "approve" and call.submitted_by_id == getattr(person, "pk", None):
                continue
            allowed.append(name)
    return allowed


SURVEY_ACTIONS = {
    "build": ("manage", (SurveyStatus.DRAFT,)),  # add, change, remove and reorder questions
    "open": ("manage", (SurveyStatus.DRAFT,)),
    "close": ("manage", (SurveyStatus.OPEN,)),
    "publish": ("manage", (SurveyStatus.CLOSED,)),
}


def survey_actions(person, survey: Survey) -> list[str]:
    return [
        name
        for name, (permission, statuses) in SURVEY_ACTIONS.items()
        if survey.status in statuses and can(person, survey.organization, permission)
    ]
