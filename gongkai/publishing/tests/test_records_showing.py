"""`records_showing` is the reverse of what record pages show: every page that names a record is in its answer
(a withdrawal takes the title off them at once), and a group with many newer members is left out (a withdrawal
of an old record does not re-render a whole column)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gongkai.catalog.tests.factories import catalog_of, make_tree
from gongkai.publishing.models import Genre, Record, RecordStatus, SubjectCategory
from gongkai.publishing.selectors import RELATED_LIMIT, public_record, records_showing, related_records
from gongkai.publishing.services import seed_columns
from gongkai.publishing.tests.factories import draft, force_status

pytestmark = pytest.mark.django_db

SUBJECTS = [SubjectCategory.GENERAL, SubjectCategory.ORGANIZATION, SubjectCategory.ECONOMY]
# per record: column (index or none), item (index or none), subject, interprets (index or none), replaced by
# (index or none), published (or withdrawn), days ago
RECORDS = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(0, 1)),
        st.one_of(st.none(), st.integers(0, 1)),
        st.sampled_from(SUBJECTS),
        st.one_of(st.none(), st.integers(0, 11)),
        st.one_of(st.none(), st.integers(0, 11)),
        st.booleans(),
        st.integers(0, 3),
    ),
    min_size=2,
    max_size=12,
)


def names_on_page(record: Record) -> set[int]:
    """The records a public record's page names: related, interpreted, interpretations, the replacing one."""
    page = public_record(record.pk)
    named = {other.pk for other in related_records(page)}
    named |= {other.pk for other in page.interpretations.all()}
    if page.interprets_id and page.interprets is not None:
        named.add(page.interprets_id)
    if page.replaced_by_id and page.replaced_by.status == RecordStatus.PUBLISHED:
        named.add(page.replaced_by_id)
    return named


@pytest.fixture
def groups(department, office):
    seed_columns(organization=department)
    _group, guide, review = make_tree(catalog_of(department), office)
    return list(department.columns.order_by("pk")[:2]), [guide, review]


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(shapes=RECORDS)
def test_every_page_that_names_a_record_is_in_its_answer(shapes, groups, department, clerk):
    checked = []
    try:
        with transaction.atomic():  # each example starts from the same database
            checked = check_answers(shapes, groups, department, clerk)
            raise Rollback
    except Rollback:
        pass
    assert len(checked) == len(shapes)


class Rollback(Exception):
    pass


def check_answers(shapes, groups, department, clerk) -> list[int]:
    """Build the records the shapes describe and check each one's answer; returns the records checked."""
    columns, items = groups
    now = timezone.now()
    records = [draft(department, clerk, title=f"第{number}号") for number in range(len(shapes))]
    for record, (column, item, subject, interprets, replaced_by, published, days) in zip(records, shapes, strict=True):
        if column is not None:
            record.columns.add(columns[column])
        if item is not None:
            record.items.add(items[item])
        links = {
            "interprets": records[interprets % len(records)] if interprets is not None else None,
            "replaced_by": records[replaced_by % len(records)] if replaced_by is not None else None,
        }
        links = {name: other for name, other in links.items() if other is not None and other.pk != record.pk}
        genre = Genre.INTERPRETATION if "interprets" in links else Genre.NOTICE
        force_status(
            record,
            RecordStatus.PUBLISHED if published else RecordStatus.WITHDRAWN,
            subject_category=subject,
            genre=genre,
            published_at=now - timedelta(days=days),
            **{f"{name}_id": other.pk for name, other in links.items()},
        )
    public = [record for record in records if record.status == RecordStatus.PUBLISHED]
    for shown in records:
        answer = set(records_showing(shown.pk))
        naming = {page.pk for page in public if page.pk != shown.pk and shown.pk in names_on_page(page)}
        assert naming <= answer, f"{shown.title}: pages {naming - answer} name it"
        assert shown.pk not in answer
        assert answer <= {record.pk for record in public}
    return [record.pk for record in records]


def test_a_column_with_many_newer_records_is_left_out(groups, department, clerk):
    columns, _items = groups
    now = timezone.now()
    old = force_status(draft(department, clerk), RecordStatus.PUBLISHED, published_at=now - timedelta(days=30))
    old.columns.add(columns[0])
    newer = []
    for days in range(RELATED_LIMIT + 2):
        record = force_status(draft(department, clerk), RecordStatus.PUBLISHED, published_at=now - timedelta(days=days))
        record.columns.add(columns[0])
        newer.append(record.pk)
    assert records_showing(old.pk) == []
    # The newest record is on every page of the column.
    assert records_showing(newer[0]) == sorted([old.pk, *newer[1:]])
