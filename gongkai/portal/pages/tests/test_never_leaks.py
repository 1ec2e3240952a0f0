"""Property: over any sequence of publishing steps, no static file ever holds a record that is not public.

Each record gets a unique marker in its title. After every step (its after-commit work done, re-rendering by the
inline queue included), every file under the pages folder is read: a draft's, a scheduled, withdrawn or expired
record's marker must appear in none, and every public record has its page.
"""

import tempfile
from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from gongkai.portal.pages import service, storage
from gongkai.publishing import services
from gongkai.publishing.models import Record, RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

from .conftest import all_file_texts

S = RecordStatus
HIDDEN_STATES = [S.DRAFT, S.SUBMITTED, S.CLEARED, S.SCHEDULED]
ACTIONS = ["draft", "publish", "correct", "withdraw", "expire", "publish_due"]
# (action, which record, does the queue catch up before this step?)
STEPS = st.lists(st.tuples(st.sampled_from(ACTIONS), st.integers(0, 9), st.booleans()), min_size=1, max_size=8)


ORIGINAL_CHANGED = service.changed


class Rollback(Exception):
    pass


@pytest.mark.django_db
@hypothesis_settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(steps=STEPS, hidden=st.lists(st.sampled_from(HIDDEN_STATES), min_size=10, max_size=10))
def test_no_static_file_ever_holds_a_record_that_is_not_public(
    steps,
    hidden,
    one_variant,
    pages_dir,
    columns,
    clerk,
    reviewer,
    settings,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    settings.GONGKAI_STATIC_PAGES_DIR = Path(tempfile.mkdtemp(dir=pages_dir.parent))
    # The queue runs late: re-renders wait until a step lets the queue catch up, so what a file shows may lag
    # behind the database by any number of steps. Only the synchronous removal keeps withdrawn records out.
    monkeypatch.setattr(service, "changed", lambda topics: QUEUE.extend(topics))
    QUEUE.clear()
    try:
        with transaction.atomic():
            made = run_steps(steps, hidden, columns, clerk, reviewer, django_capture_on_commit_callbacks)
            assert made >= 1  # every workflow starts with a draft
            raise Rollback
    except Rollback:
        pass


QUEUE: list[str] = []


def catch_up():
    topics, QUEUE[:] = sorted(set(QUEUE)), []
    if topics:
        ORIGINAL_CHANGED(topics)


def run_steps(steps, hidden, department, clerk, reviewer, capture) -> int:
    """Run the steps, checking the files after each; returns how many records were made."""
    records: list[Record] = []
    for number, (step, index, queue_runs) in enumerate(steps):
        if queue_runs:
            catch_up()
            check_files(records, caught_up=True)
        with capture(execute=True):
            apply_step(step, index, number, records, hidden, department, clerk, reviewer)
        check_files(records, caught_up=False)
    return len(records)


def apply_step(step, index, number, records, hidden, department, clerk, reviewer):
    if step == "draft" or not records:
        marker = f"标记{number:02d}号"
        record = draft(department, clerk, title=f"关于{marker}事项的通知")
        state = hidden[number % len(hidden)]
        records.append(record if state == S.DRAFT else force_status(record, state))
        return
    record = records[index % len(records)]
    record.refresh_from_db()
    if step == "publish" and record.status in (S.DRAFT, S.SUBMITTED, S.CLEARED):
        services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)
    elif step == "correct" and record.status == S.PUBLISHED:
        services.correct_record(record=record, actor=reviewer, change_note="更正摘要", summary=f"更正{number}")
    elif step == "withdraw" and record.status == S.PUBLISHED:
        services.withdraw_record(record=record, actor=reviewer, reason="内容有误")
    elif step == "expire" and record.status == S.PUBLISHED:
        services.expire_record(record=record, actor=reviewer)
    elif step == "publish_due":
        services.publish_due()


def check_files(records, *, caught_up: bool):
    texts = all_file_texts(storage.root())
    for record in records:
        record.refresh_from_db()
        marker = record.title[2:7]
        holding = [str(path) for path, text in texts.items() if marker in text]
        if record.status == S.PUBLISHED:
            if caught_up:
                assert (storage.root() / "zh-hans/normal" / f"records/{record.pk}/index.html").is_file()
        else:
            assert holding == [], f"{record.status} record {marker} in {holding}"
