"""The five columns come with every village and community, and only with them."""

import pytest

from gongkai.core.models import AuditEntry
from gongkai.publishing.models import Column
from gongkai.villages.columns import walk
from gongkai.villages.errors import VillagesError
from gongkai.villages.services import seed_village_columns


def test_a_new_community_gets_the_five_columns_with_its_sub_columns(village):
    columns = {column.slug: column for column in Column.objects.filter(organization=village)}
    assert len(columns) == len(list(walk())) == 19
    tops = [c.name for c in Column.objects.filter(organization=village, parent=None).order_by("sort_order")]
    assert tops == ["党务公开", "政务公开", "财务公开", "居务公开", "服务公开"]
    assert columns["village-finance-statements"].parent == columns["village-finance"]


def test_a_village_calls_its_fourth_column_village_affairs(other_village):
    assert Column.objects.get(organization=other_village, slug="village-affairs").name == "村务公开"


def test_seeding_again_changes_nothing(village):
    before = AuditEntry.objects.filter(action="villages.columns.seeded").count()
    assert seed_village_columns(organization=village) == 0
    assert AuditEntry.objects.filter(action="villages.columns.seeded").count() == before


def test_a_department_gets_no_village_columns(department):
    with pytest.raises(VillagesError):
        seed_village_columns(organization=department)
    assert not Column.objects.filter(organization=department, slug__startswith="village-").exists()
