"""Property tests of the catalog importer: any value in any cell of the national template never crashes the import,
and it is all or nothing — problems mean no item, no change set, no audit entry."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.catalog.importing import import_catalog
from gongkai.catalog.models import ChangeSet, Item
from gongkai.core.models import AuditEntry

from .factories import catalog_of
from .workbooks import ROWS, national_workbook

pytestmark = pytest.mark.django_db
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
CELL = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.sampled_from(["", "√", "同上", "■政府网站", "不予公开", "第十四条", "=HYPERLINK(1)", "x" * 400]),
)


@pytest.fixture
def catalog(government):
    return catalog_of(government)


@PROPERTY
@given(changes=st.lists(st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, 13), CELL), max_size=5))
def test_random_cells_never_crash_and_write_all_or_nothing(catalog, office, changes):
    rows = [list(row) for row in ROWS]
    for row, column, value in changes:
        rows[row][column] = value
    with transaction.atomic():
        before = (Item.objects.count(), ChangeSet.objects.count(), AuditEntry.objects.count())
        result = import_catalog(catalog=catalog, content=national_workbook(rows), actor=office)
        if result.problems:
            assert all(str(problem).strip() for problem in result.problems)
            assert (Item.objects.count(), ChangeSet.objects.count(), AuditEntry.objects.count()) == before
        else:
            assert Item.objects.count() > before[0]
        transaction.set_rollback(True)


@PROPERTY
@given(content=st.one_of(st.binary(max_size=2000), st.binary(max_size=300).map(lambda data: b"PK\x03\x04" + data)))
def test_random_bytes_are_refused_with_a_message(catalog, office, content):
    result = import_catalog(catalog=catalog, content=content, actor=office)
    assert result.problems
    assert all(str(problem).strip() for problem in result.problems)
    assert not Item.objects.exists()
