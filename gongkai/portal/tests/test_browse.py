"""信息公开目录: public records narrowed by organization, 主题分类, 体裁 and catalog domain, with counts as links."""

import pytest
from django.urls import reverse

from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

pytestmark = pytest.mark.django_db
BROWSE = reverse("portal:publishing:browse")


@pytest.fixture
def records(department, other_department, clerk, other_clerk, office):
    _group, guide, _review = make_tree(catalog_of(department), office)
    notice = force_status(
        draft(department, clerk, title="低保标准通知", subject_category="civil_affairs"), RecordStatus.PUBLISHED
    )
    notice.items.add(guide)
    plan = force_status(draft(department, clerk, title="五年规划", genre="plan"), RecordStatus.PUBLISHED)
    other = force_status(draft(other_department, other_clerk, title="别的机构的通知"), RecordStatus.PUBLISHED)
    hidden = draft(department, clerk, title="未发布的草稿")
    return {"notice": notice, "plan": plan, "other": other, "hidden": hidden, "domain": guide.domain}


def test_the_browser_lists_public_records_with_facet_counts(client, records, department, django_assert_max_num_queries):
    with django_assert_max_num_queries(9):
        response = client.get(BROWSE)

    assert response.status_code == 200
    page = response.content.decode()
    assert "低保标准通知" in page
    assert "五年规划" in page
    assert "别的机构的通知" in page
    assert "未发布的草稿" not in page
    assert f'href="?organization={department.pk}">{department.name}</a>（2）' in page
    assert "按主题分类" in page
    assert "按体裁分类" in page
    assert "按目录领域" in page
    assert f">{records['domain'].name}</a>（1）" in page
    assert "民政、扶贫、救灾</a>（1）" in page


def test_facets_narrow_and_combine(client, records, department):
    page = client.get(BROWSE, {"organization": department.pk, "genre": "plan"}).content.decode()
    assert "五年规划" in page
    assert "低保标准通知" not in page
    assert "别的机构的通知" not in page
    assert '<strong aria-current="true">' in page
    assert f'href="?organization={department.pk}">' in page  # drop the genre, keep the organization

    page = client.get(BROWSE, {"domain": records["domain"].code}).content.decode()
    assert "低保标准通知" in page
    assert "五年规划" not in page


@pytest.mark.parametrize("query", [{"organization": "abc"}, {"genre": "x" * 500}, {"domain": "NOPE"}])
def test_unknown_values_narrow_to_nothing(client, records, query):
    response = client.get(BROWSE, query)
    assert response.status_code == 200
    assert "低保标准通知" not in response.content.decode()
