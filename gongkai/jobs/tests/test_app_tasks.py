"""The apps' background tasks run through the queue with ids only and are safe to run twice."""

import pytest
from django.tasks import TaskResultStatus

from gongkai.jobs.models import Job
from gongkai.publishing import services
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.screening.models import ScanRun
from gongkai.screening.tasks import rescan
from gongkai.search.tasks import reindex_all


@pytest.fixture
def published(department, clerk, reviewer, settings, tmp_path):
    settings.GONGKAI_SEARCH_INDEX_DIR = tmp_path / "search"
    settings.MEDIA_ROOT = tmp_path / "media"
    services.seed_columns(organization=department)
    record = force_status(draft(department, clerk, title="关于任务队列测试的通知"), RecordStatus.CLEARED)
    return services.publish_record(record=record, actor=reviewer)


def test_reindex_task_rebuilds_and_reports_progress(published, office):
    first = reindex_all.enqueue(actor_id=office.pk)
    second = reindex_all.enqueue(actor_id=office.pk)
    assert first.status == second.status == TaskResultStatus.SUCCESSFUL
    assert first.return_value == second.return_value >= 1
    assert Job.objects.get(task_id=str(second.id)).done == second.return_value


def test_rescan_task_runs_a_rescan_and_a_second_run_is_harmless(published, office):
    first = rescan.enqueue(actor_id=office.pk)
    second = rescan.enqueue(actor_id=office.pk)
    assert first.status == second.status == TaskResultStatus.SUCCESSFUL
    assert ScanRun.objects.filter(pk=first.return_value["run_id"]).exists()
    assert ScanRun.objects.filter(pk=second.return_value["run_id"]).exists()


def test_publish_due_task_publishes_what_is_due_once(department, clerk, reviewer):
    from gongkai.publishing.tasks import publish_due

    record = force_status(draft(department, clerk), RecordStatus.SCHEDULED, published_by=reviewer)
    first = publish_due.enqueue().return_value
    second = publish_due.enqueue().return_value
    assert first["published"] == [record.pk]
    assert second["published"] == []
