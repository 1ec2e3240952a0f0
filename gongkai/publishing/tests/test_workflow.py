"""The record state machine: every legal and illegal transition, self-approval, emergency publication."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gongkai.core.models import AuditEntry
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import Record, RecordStatus, Revision
from gongkai.publishing.rules import RULES

from .factories import draft, force_status

S = RecordStatus
RESULT = {
    "submit": S.SUBMITTED,
    "approve": S.REVIEWED,
    "clear": S.CLEARED,
    "reject": S.DRAFT,
    "publish": S.PUBLISHED,
    "unschedule": S.CLEARED,
    "publish_scheduled": S.PUBLISHED,
    "emergency_publish": S.PUBLISHED,
    "correct": S.PUBLISHED,
    "withdraw": S.WITHDRAWN,
    "expire": S.TAKEN_OFFLINE,
}


def perform(action, record, people):
    clerk, reviewer, officer, office = people
    calls = {
        "submit": lambda: services.submit_record(record=record, actor=clerk),
        "approve": lambda: services.approve_record(record=record, actor=reviewer),
        "clear": lambda: services.clear_record(record=record, actor=officer),
        "reject": lambda: services.reject_record(record=record, actor=reviewer, comment="请补充办理时限。"),
        "publish": lambda: services.publish_record(record=record, actor=reviewer),
        "unschedule": lambda: services.unschedule_record(record=record, actor=reviewer),
        "publish_scheduled": lambda: services.publish_scheduled_record(record=record),
        "emergency_publish": lambda: services.emergency_publish_record(record=record, actor=office, reason="防汛预警"),
        "correct": lambda: services.correct_record(
            record=record, actor=reviewer, change_note="更正标题中的错别字。", title="更正后的标题"
        ),
        "withdraw": lambda: services.withdraw_record(record=record, actor=reviewer, reason="文件已被新文件替代。"),
        "expire": lambda: services.expire_record(record=record, actor=reviewer),
    }
    return calls[action]()


def snapshot(record):
    fresh = Record.objects.get(pk=record.pk)
    return {field.attname: getattr(fresh, field.attname) for field in Record._meta.concrete_fields}


@pytest.fixture
def people(clerk, reviewer, confidentiality_officer, office):
    return clerk, reviewer, confidentiality_officer, office


@pytest.mark.parametrize("action", sorted(RESULT))
@pytest.mark.parametrize("status", list(S))
def test_every_transition_from_every_state(action, status, department, people):
    record = force_status(draft(department, people[0]), status)
    legal = RULES[action].applies(record)
    before = snapshot(record)
    entries = AuditEntry.objects.count()
    if legal:
        result = perform(action, record, people)
        assert Record.objects.get(pk=record.pk).status == RESULT[action]
        assert result.status == RESULT[action]
        assert AuditEntry.objects.count() > entries
    else:
        with pytest.raises(PublishingError) as caught:
            perform(action, record, people)
        assert caught.value.code == PublishingErrorCode.ILLEGAL_TRANSITION
        assert snapshot(record) == before
        assert AuditEntry.objects.count() == entries


def test_the_whole_path_assigns_an_index_number_and_keeps_history(department, people, columns):
    clerk, reviewer, officer, _office = people
    record = draft(department, clerk)
    services.submit_record(record=record, actor=clerk)
    services.approve_record(record=record, actor=reviewer)
    services.clear_record(record=record, actor=officer)
    record = services.publish_record(record=record, actor=reviewer)
    year = timezone.localdate().year
    assert record.index_number == f"{department.credit_code[8:17]}/{year}-00001"
    assert record.published_by == reviewer
    services.correct_record(record=record, actor=reviewer, change_note="更正联系电话。", body="<p>联系电话：12345</p>")
    record.refresh_from_db()
    assert record.index_number == f"{department.credit_code[8:17]}/{year}-00001"
    kinds = list(Revision.objects.filter(record=record).values_list("kind", "is_public"))
    assert kinds == [("created", False), ("published", False), ("corrected", True)]
    actions = list(
        AuditEntry.objects.filter(target_id=str(record.pk), action__startswith="publishing.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "publishing.record.created",
        "publishing.record.submitted",
        "publishing.record.reviewed",
        "publishing.record.cleared",
        "publishing.record.published",
        "publishing.record.corrected",
    ]


def test_reviewer_cannot_approve_own_submission(department, make_person):
    author = make_person("clerk", department)
    from gongkai.orgs.tests.factories import MembershipFactory

    MembershipFactory(person=author, organization=department, role="reviewer")
    record = services.submit_record(record=draft(department, author), actor=author)
    with pytest.raises(PublishingError) as caught:
        services.approve_record(record=record, actor=author)
    assert caught.value.code == PublishingErrorCode.SELF_APPROVAL
    assert Record.objects.get(pk=record.pk).status == S.SUBMITTED


def test_confidentiality_officer_cannot_clear_own_draft(department, make_person, reviewer):
    author = make_person("clerk", department)
    from gongkai.orgs.tests.factories import MembershipFactory

    MembershipFactory(person=author, organization=department, role="confidentiality_officer")
    record = services.submit_record(record=draft(department, author), actor=author)
    services.approve_record(record=record, actor=reviewer)
    with pytest.raises(PublishingError) as caught:
        services.clear_record(record=record, actor=author)
    assert caught.value.code == PublishingErrorCode.SELF_APPROVAL
    assert Record.objects.get(pk=record.pk).status == S.REVIEWED


def test_rejection_needs_a_comment_and_returns_the_draft(department, clerk, reviewer):
    record = services.submit_record(record=draft(department, clerk), actor=clerk)
    with pytest.raises(PublishingError) as caught:
        services.reject_record(record=record, actor=reviewer, comment="  ")
    assert caught.value.code == PublishingErrorCode.REASON_REQUIRED
    record = services.reject_record(record=record, actor=reviewer, comment="缺少办理时限。")
    assert (record.status, record.rejection_comment) == (S.DRAFT, "缺少办理时限。")
    services.update_record(record=record, actor=clerk, title="补充办理时限后的通知")
    assert services.submit_record(record=record, actor=clerk).rejection_comment == ""


def test_emergency_publication_needs_the_office_and_a_reason_and_stays_flagged(department, clerk, office, reviewer):
    from gongkai.core.errors import AccessDenied
    from gongkai.orgs.access import forget_memberships
    from gongkai.orgs.tests.factories import MembershipFactory

    record = draft(department, clerk)
    with pytest.raises(PublishingError) as caught:
        services.emergency_publish_record(record=record, actor=office, reason="  ")
    assert caught.value.code == PublishingErrorCode.REASON_REQUIRED
    with pytest.raises(AccessDenied):
        services.emergency_publish_record(record=record, actor=reviewer, reason="暴雨预警")
    assert Record.objects.get(pk=record.pk).status == S.DRAFT
    record = services.emergency_publish_record(record=record, actor=office, reason="暴雨红色预警须立即发布")
    assert record.status == S.PUBLISHED
    assert record.awaits_emergency_review
    assert record.index_number
    MembershipFactory(person=office, organization=department, role="reviewer")
    forget_memberships(office)
    with pytest.raises(PublishingError) as caught:
        services.review_emergency_publication(record=record, actor=office)
    assert caught.value.code == PublishingErrorCode.SELF_APPROVAL
    assert Record.objects.get(pk=record.pk).awaits_emergency_review
    record = services.review_emergency_publication(record=record, actor=reviewer, comment="内容无误")
    assert not record.awaits_emergency_review
    with pytest.raises(PublishingError) as caught:
        services.review_emergency_publication(record=record, actor=reviewer)
    assert caught.value.code == PublishingErrorCode.NOT_EMERGENCY


def test_scheduled_publication_happens_when_due(department, clerk, reviewer, confidentiality_officer):
    record = force_status(draft(department, clerk), S.CLEARED, submitted_by=clerk)
    at = timezone.now() + timedelta(hours=2)
    record = services.publish_record(record=record, actor=reviewer, at=at)
    assert (record.status, record.index_number) == (S.SCHEDULED, None)
    assert services.publish_due()["published"] == []
    result = services.publish_due(now=at + timedelta(minutes=1))
    assert result["published"] == [record.pk]
    record.refresh_from_db()
    assert record.status == S.PUBLISHED
    assert record.index_number
    assert record.published_by == reviewer


def test_schedule_in_the_past_is_refused(department, clerk, reviewer):
    record = force_status(draft(department, clerk), S.CLEARED)
    with pytest.raises(PublishingError) as caught:
        services.publish_record(record=record, actor=reviewer, at=timezone.now() - timedelta(days=1))
    assert caught.value.code == PublishingErrorCode.SCHEDULE_IN_PAST
    assert Record.objects.get(pk=record.pk).status == S.CLEARED


def test_display_period_end_takes_the_record_down(department, clerk, reviewer):
    record = force_status(draft(department, clerk, display_until=timezone.localdate() - timedelta(days=1)), S.PUBLISHED)
    with pytest.raises(PublishingError):
        services.expire_record(record=force_status(draft(department, clerk), S.PUBLISHED), today=timezone.localdate())
    assert services.publish_due()["expired"] == [record.pk]
    assert Record.objects.get(pk=record.pk).status == S.TAKEN_OFFLINE


def test_withheld_records_never_reach_the_website(department, clerk, reviewer):
    record = draft(department, clerk, attribute="withheld", withheld_ground="art15_third_party")
    record = force_status(record, S.CLEARED)
    with pytest.raises(PublishingError) as caught:
        services.publish_record(record=record, actor=reviewer)
    assert caught.value.code == PublishingErrorCode.NOT_ACTIVE_DISCLOSURE
    assert Record.objects.get(pk=record.pk).index_number is None


def test_signals_are_sent_after_commit(department, clerk, reviewer, django_capture_on_commit_callbacks):
    from gongkai.publishing.signals import record_changed, record_published, record_withdrawn

    received = []

    def listener(signal_name):
        return lambda sender, record_id, **kwargs: received.append((signal_name, record_id))

    handlers = {name: listener(name) for name in ("published", "changed", "withdrawn")}
    record_published.connect(handlers["published"])
    record_changed.connect(handlers["changed"])
    record_withdrawn.connect(handlers["withdrawn"])
    try:
        record = force_status(draft(department, clerk), S.CLEARED)
        with django_capture_on_commit_callbacks(execute=True):
            services.publish_record(record=record, actor=reviewer)
        with django_capture_on_commit_callbacks(execute=True):
            services.change_validity(record=record, actor=reviewer, validity="repealed", on=timezone.localdate())
        with django_capture_on_commit_callbacks(execute=True):
            services.withdraw_record(record=record, actor=reviewer, reason="已被替代")
    finally:
        record_published.disconnect(handlers["published"])
        record_changed.disconnect(handlers["changed"])
        record_withdrawn.disconnect(handlers["withdrawn"])
    assert received == [("published", record.pk), ("changed", record.pk), ("withdrawn", record.pk)]


def test_blocking_finding_stops_publication(department, clerk, reviewer):
    record = force_status(draft(department, clerk, body="<p>联系人身份证号：11010519491231002X</p>"), S.CLEARED)
    with pytest.raises(PublishingError) as caught:
        services.publish_record(record=record, actor=reviewer)
    assert caught.value.code == PublishingErrorCode.BLOCKING_FINDINGS
    record.refresh_from_db()
    assert (record.status, record.index_number) == (S.CLEARED, None)


def test_registered_checks_run_and_warnings_must_be_acknowledged(department, clerk, reviewer):
    from gongkai.publishing import checks

    def warn(*, record, actor):
        return [checks.Issue(check="test", message="标题过长", acknowledged=False)]

    checks.register_check("test-warning", warn)
    try:
        record = force_status(draft(department, clerk), S.CLEARED)
        with pytest.raises(PublishingError) as caught:
            services.publish_record(record=record, actor=reviewer)
        assert caught.value.code == PublishingErrorCode.UNACKNOWLEDGED_WARNINGS
        record = force_status(draft(department, clerk), S.DRAFT)
        assert services.submit_record(record=record, actor=clerk).status == S.SUBMITTED
    finally:
        checks.unregister_check("test-warning")


@pytest.mark.parametrize("status", [status for status in S if status != S.DRAFT])
def test_only_drafts_can_be_edited_or_get_attachments(department, clerk, status):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_attachments import png_bytes

    record = force_status(draft(department, clerk), status)
    before = snapshot(record)
    with pytest.raises(PublishingError) as caught:
        services.update_record(record=record, actor=clerk, title="改过的标题")
    assert caught.value.code == PublishingErrorCode.ILLEGAL_TRANSITION
    with pytest.raises(PublishingError):
        services.add_attachment(record=record, upload=SimpleUploadedFile("a.png", png_bytes()), actor=clerk)
    assert snapshot(record) == before
    assert record.attachments.count() == 0


@pytest.mark.parametrize("status", [status for status in S if status != S.PUBLISHED])
def test_validity_changes_only_on_published_records(department, clerk, reviewer, status):
    record = force_status(draft(department, clerk), status)
    with pytest.raises(PublishingError) as caught:
        services.change_validity(record=record, actor=reviewer, validity="repealed", on=timezone.localdate())
    assert caught.value.code == PublishingErrorCode.ILLEGAL_TRANSITION
    assert Record.objects.get(pk=record.pk).validity == "in_force"


def test_repeal_needs_a_date_and_is_listed_publicly(department, clerk, reviewer):
    record = force_status(draft(department, clerk, genre="normative"), S.PUBLISHED)
    with pytest.raises(PublishingError):
        services.change_validity(record=record, actor=reviewer, validity="repealed")
    services.change_validity(record=record, actor=reviewer, validity="repealed", on=timezone.localdate())
    record.refresh_from_db()
    assert record.validity == "repealed"
    assert record.revisions.filter(kind="metadata", is_public=True).count() == 1
