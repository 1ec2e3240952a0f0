"""JSON API of the publishing module: public reads through the public selector, staff workflow actions."""

from django.core.paginator import Paginator
from django.http import Http404
from django.views.decorators.http import require_GET, require_POST

from gongkai.api.responses import api_view, error_response, json_response
from gongkai.publishing import services
from gongkai.publishing.sanitizing import html_to_text
from gongkai.publishing.selectors import in_column, public_record, published_records, record_for_staff

PAGE_SIZE = 50


def summary(record) -> dict:
    return {
        "id": record.pk,
        "title": record.title,
        "index_number": record.index_number,
        "doc_number": record.doc_number,
        "organization": record.organization.name,
        "organization_id": record.organization_id,
        "written_on": record.written_on.isoformat(),
        "published_at": record.published_at.isoformat() if record.published_at else None,
        "genre": record.genre,
        "subject_category": record.subject_category,
        "stage": record.effective_stage,
        "validity": record.validity,
        "url": record.get_absolute_url(),
    }


def detail(record) -> dict:
    data = summary(record)
    data.update(
        {
            "summary": record.summary,
            "body_html": record.body,
            "body_text": html_to_text(record.body),
            "keywords": record.keyword_list(),
            "effective_on": record.effective_on.isoformat() if record.effective_on else None,
            "repealed_on": record.repealed_on.isoformat() if record.repealed_on else None,
            "interprets": record.interprets_id if record.interprets else None,
            "interpretations": [item.pk for item in record.interpretations.all()],
            "attachments": [
                {"name": item.original_name, "kind": item.kind, "size": item.size, "id": str(item.public_id)}
                for item in record.attachments.all()
            ],
            "corrections": [
                {"at": revision.created_at.isoformat(), "note": revision.change_note}
                for revision in record.revisions.all()
                if revision.kind != "created"
            ],
        }
    )
    return data


@require_GET
@api_view()
def records(request):
    listed = published_records()
    if request.GET.get("column"):
        listed = in_column(listed, [request.GET["column"]])
    for parameter, field in (("organization", "organization_id"), ("genre", "genre"), ("stage", "effective_stage")):
        if request.GET.get(parameter):
            listed = listed.filter(**{field: request.GET[parameter]})
    try:
        page = Paginator(listed, PAGE_SIZE).page(int(request.GET.get("page", 1)))
    except (ValueError, Exception):  # noqa: BLE001 - any bad page number is the client's error
        return error_response("api.bad_page", "页码无效。", 400)
    return json_response(
        {"count": page.paginator.count, "page": page.number, "results": [summary(record) for record in page]}
    )


@require_GET
@api_view()
def record(request, record_id):
    found = public_record(record_id)
    if found is None:
        raise Http404
    if found.status != "published":
        return json_response(
            {
                "id": found.pk,
                "title": found.title,
                "status": found.status,
                "withdrawn_at": found.withdrawn_at.isoformat() if found.withdrawn_at else None,
                "withdrawal_reason": found.withdrawal_reason,
            },
            status=410,
        )
    return json_response(detail(found))


ACTIONS = {
    "submit": lambda record, user, data: services.submit_record(record=record, actor=user),
    "approve": lambda record, user, data: services.approve_record(
        record=record, actor=user, comment=data.get("comment", "")
    ),
    "clear": lambda record, user, data: services.clear_record(
        record=record, actor=user, comment=data.get("comment", "")
    ),
    "reject": lambda record, user, data: services.reject_record(
        record=record, actor=user, comment=data.get("comment", "")
    ),
    "publish": lambda record, user, data: services.publish_record(record=record, actor=user),
    "withdraw": lambda record, user, data: services.withdraw_record(
        record=record, actor=user, reason=data.get("reason", "")
    ),
    "expire": lambda record, user, data: services.expire_record(record=record, actor=user),
    "emergency-publish": lambda record, user, data: services.emergency_publish_record(
        record=record, actor=user, reason=data.get("reason", "")
    ),
}


@require_GET
@api_view(staff=True)
def staff_record(request, record_id):
    found = record_for_staff(record_id=record_id, person=request.user)
    data = summary(found)
    data.update({"status": found.status, "due_on": found.due_on.isoformat() if found.due_on else None})
    return json_response(data)


@require_POST
@api_view(staff=True)
def act(request, record_id, action):
    if action not in ACTIONS:
        raise Http404
    found = record_for_staff(record_id=record_id, person=request.user)
    result = ACTIONS[action](found, request.user, request.POST)
    return json_response({"id": result.pk, "status": result.status, "index_number": result.index_number})
