"""三同步: a record whose genre needs an interpretation is published only with one submitted, or with the office's
written exemption; the office marks further genres for its region."""

import pytest

from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import Genre
from gongkai.publishing.models import RecordStatus as S

from .factories import draft, force_status

pytestmark = pytest.mark.django_db


def cleared(organization, clerk, **fields):
    return force_status(draft(organization, clerk, **fields), S.CLEARED)


def test_a_normative_document_without_interpretation_cannot_be_published(department, clerk, reviewer):
    policy = cleared(department, clerk, genre=Genre.NORMATIVE)
    with pytest.raises(PublishingError) as raised:
        services.publish_record(record=policy, actor=reviewer)
    assert raised.value.code == PublishingErrorCode.INTERPRETATION_MISSING
    assert "三同步" in raised.value.message
    policy.refresh_from_db()
    assert policy.status == S.CLEARED  # nothing changed


def test_a_draft_interpretation_is_not_enough_a_submitted_one_is(department, clerk, reviewer):
    policy = cleared(department, clerk, genre=Genre.NORMATIVE)
    reading = draft(department, clerk, genre=Genre.INTERPRETATION, interprets=policy, title="政策问答")
    with pytest.raises(PublishingError):
        services.publish_record(record=policy, actor=reviewer)
    services.submit_record(record=reading, actor=clerk)
    assert services.publish_record(record=policy, actor=reviewer).status == S.PUBLISHED


def test_the_office_can_exempt_with_a_written_reason(department, clerk, reviewer, office):
    policy = cleared(department, clerk, genre=Genre.NORMATIVE)
    with pytest.raises(AccessDenied):
        services.exempt_from_interpretation(record=policy, actor=reviewer, reason="内容简单")
    with pytest.raises(PublishingError) as raised:
        services.exempt_from_interpretation(record=policy, actor=office, reason="  ")
    assert raised.value.code == PublishingErrorCode.REASON_REQUIRED
    services.exempt_from_interpretation(record=policy, actor=office, reason="仅修改文号，内容未变")
    assert services.publish_record(record=policy, actor=reviewer).status == S.PUBLISHED
    entry = AuditEntry.objects.get(action="publishing.record.interpretation_exempted")
    assert entry.data == {"reason": "仅修改文号，内容未变"}


def test_emergency_publication_passes_the_same_gate(department, clerk, office):
    policy = force_status(draft(department, clerk, genre=Genre.NORMATIVE), S.SUBMITTED)
    with pytest.raises(PublishingError):
        services.emergency_publish_record(record=policy, actor=office, reason="紧急")


def test_genres_the_office_marks_need_an_interpretation_below_its_region(department, clerk, reviewer, office):
    notice = cleared(department, clerk, genre=Genre.PLAN)
    region = department.region
    with pytest.raises(AccessDenied):
        services.mark_interpretation_genre(region=region, genre=Genre.PLAN, actor=reviewer)
    services.mark_interpretation_genre(region=region, genre=Genre.PLAN, actor=office)
    with pytest.raises(PublishingError):
        services.publish_record(record=notice, actor=reviewer)
    services.unmark_interpretation_genre(region=region, genre=Genre.PLAN, actor=office)
    assert services.publish_record(record=notice, actor=reviewer).status == S.PUBLISHED
    assert AuditEntry.objects.filter(action__startswith="publishing.interpretation_genre.").count() == 2


def test_other_genres_publish_as_before(department, clerk, reviewer):
    assert services.publish_record(record=cleared(department, clerk), actor=reviewer).status == S.PUBLISHED


def test_the_record_page_offers_the_office_an_exemption_form(client, department, clerk, reviewer, office):
    from django.urls import reverse

    policy = cleared(department, clerk, genre=Genre.NORMATIVE)
    url = reverse("backoffice:publishing:act", args=[policy.pk, "exempt_interpretation"])
    client.force_login(reviewer)
    assert (
        "同意免于配套政策解读"
        not in client.get(reverse("backoffice:publishing:record", args=[policy.pk])).content.decode()
    )
    assert client.post(url, {"reason": "无需解读"}).status_code in (403, 404)
    client.force_login(office)
    assert (
        "同意免于配套政策解读" in client.get(reverse("backoffice:publishing:record", args=[policy.pk])).content.decode()
    )
    client.post(url, {"reason": "技术性修改，无需解读"})
    policy.refresh_from_db()
    assert policy.interpretation_exemption == "技术性修改，无需解读"


def test_the_operator_marks_genres_from_the_command_line(department, clerk, reviewer):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("publishing", "interpretation-genres", department.region.division_code, "--add", "plan", stdout=out)
    assert "须配套政策解读的体裁：" in out.getvalue()
    assert "规划计划" in out.getvalue()
    assert "行政规范性文件" in out.getvalue()
    with pytest.raises(PublishingError):
        services.publish_record(record=cleared(department, clerk, genre=Genre.PLAN), actor=reviewer)
    call_command("publishing", "interpretation-genres", department.region.division_code, "--remove", "plan", stdout=out)
    assert services.publish_record(record=cleared(department, clerk, genre=Genre.PLAN), actor=reviewer).published_at


GENRES_PAGE = "backoffice:publishing:interpretation_genres"


@pytest.mark.parametrize("who", ["clerk", "reviewer", "other_clerk"])
def test_only_offices_and_administrators_open_the_genres_page(client, request, department, who):
    from django.urls import reverse

    from gongkai.publishing.models import InterpretationGenre

    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse(GENRES_PAGE)).status_code == 403
    response = client.post(reverse(GENRES_PAGE), {"region": department.region.pk, "genres": ["plan"]})
    assert response.status_code == 403
    assert not InterpretationGenre.objects.exists()
    assert "须配套解读的体裁" not in client.get(reverse("backoffice:publishing:index")).content.decode()


def test_the_office_marks_genres_on_the_page_with_an_audit_entry_each(client, department, clerk, reviewer, office):
    from django.urls import reverse

    region = department.region
    client.force_login(office)
    assert "须配套解读的体裁" in client.get(reverse("backoffice:publishing:index")).content.decode()
    page = client.get(reverse(GENRES_PAGE)).content.decode()
    assert "行政规范性文件" in page  # always, shown as fixed
    assert 'value="normative"' not in page
    assert 'value="interpretation"' not in page
    response = client.post(reverse(GENRES_PAGE), {"region": region.pk, "genres": ["plan", "budget"]}, follow=True)
    assert "新增 2 个，取消 0 个" in response.content.decode()
    assert "标记须配套解读的体裁" in response.content.decode()  # the change history
    with pytest.raises(PublishingError):
        services.publish_record(record=cleared(department, clerk, genre=Genre.PLAN), actor=reviewer)
    response = client.post(reverse(GENRES_PAGE), {"region": region.pk, "genres": ["budget"]}, follow=True)
    assert "新增 0 个，取消 1 个" in response.content.decode()
    assert services.publish_record(record=cleared(department, clerk, genre=Genre.PLAN), actor=reviewer).published_at
    actions = list(
        AuditEntry.objects.filter(action__startswith="publishing.interpretation_genre.")
        .order_by("pk")
        .values_list("action", "data__genre")
    )
    assert actions == [
        ("publishing.interpretation_genre.marked", "budget"),
        ("publishing.interpretation_genre.marked", "plan"),
        ("publishing.interpretation_genre.unmarked", "plan"),
    ]
    assert all(entry.actor == office for entry in AuditEntry.objects.filter(action__contains="interpretation_genre"))


def test_a_genre_that_cannot_be_marked_changes_nothing_and_says_why(client, department, office):
    from django.urls import reverse

    from gongkai.publishing.models import InterpretationGenre

    client.force_login(office)
    response = client.post(reverse(GENRES_PAGE), {"region": department.region.pk, "genres": ["plan", "interpretation"]})
    assert response.status_code == 200
    assert "不能标记，请从列表中选择" in response.content.decode()
    assert not InterpretationGenre.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="publishing.interpretation_genre.").exists()


def test_an_office_cannot_change_a_region_outside_its_own(client, department, township, make_person):
    from django.urls import reverse

    from gongkai.orgs.tests.factories import OrganizationFactory, RegionFactory
    from gongkai.publishing.models import InterpretationGenre

    elsewhere = RegionFactory(name="邻区", division_code="320498000000")
    neighbour_office = make_person("office", OrganizationFactory(region=elsewhere, name="邻区人民政府"))
    township_office = make_person("office", OrganizationFactory(region=township, name="东风街道办事处"))
    for person in (neighbour_office, township_office):  # a township's office is below the county, not over it
        client.force_login(person)
        assert client.get(reverse(GENRES_PAGE) + f"?region={department.region.pk}").status_code == 403
        response = client.post(reverse(GENRES_PAGE), {"region": department.region.pk, "genres": ["plan"]})
        assert response.status_code == 403
    assert not InterpretationGenre.objects.exists()
    client.force_login(neighbour_office)
    page = client.get(reverse(GENRES_PAGE)).content.decode()
    assert "邻区" in page
    assert "示范区" not in page


def test_marks_of_the_county_show_as_fixed_on_a_township_page(client, department, township, office):
    from django.urls import reverse

    services.mark_interpretation_genre(region=department.region, genre=Genre.PLAN, actor=office)
    client.force_login(office)
    page = client.get(reverse(GENRES_PAGE) + f"?region={township.pk}").content.decode()
    assert "规划计划（由示范区政务公开办公室标记）" in page
    assert 'value="plan"' not in page
