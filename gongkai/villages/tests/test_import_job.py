"""The accounting export is imported by a background job: inline the page answers as before (the draft record,
or every error with nothing stored); on the database queue the worker imports it all or nothing, once per upload."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.models import Job
from gongkai.villages import tasks
from gongkai.villages.models import FinanceStatement

from .test_finance import GOOD, workbook

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    settings.GONGKAI_JOB_FILES_DIR = tmp_path / "job-files"


def post(client, village, rows):
    url = reverse("backoffice:villages:statement_import", args=[village.pk])
    return client.post(url, {"period_kind": "quarter", "year": 2026, "period": 2, "file": workbook(rows)})


@pytest.mark.django_db
def test_inline_import_answers_with_the_draft_record(client, village, village_clerk):
    client.force_login(village_clerk)
    response = post(client, village, GOOD)
    statement = FinanceStatement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:publishing:record", args=[statement.record_id])
    assert statement.lines.count() == 4
    assert list(tasks.upload_dir().iterdir()) == []


@pytest.mark.django_db
def test_inline_import_with_errors_lists_them_and_stores_nothing(client, village, village_clerk):
    client.force_login(village_clerk)
    rows = [*GOOD[:3], ("支出", "办公费", "一百", None), *GOOD[4:]]
    response = post(client, village, rows)
    assert response.status_code == 200
    assert response.context["errors"] == ["第4行“金额”列：“一百”不是金额，请填写数字，最多两位小数。"]
    assert not FinanceStatement.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_queued_import_runs_on_the_worker_once(seeded, client, village, village_clerk, settings):
    settings.GONGKAI_TASK_QUEUE = "database"
    client.force_login(village_clerk)
    with override_settings(TASKS=DATABASE_QUEUE):
        response = post(client, village, GOOD)
        assert response.status_code == 302
        assert response["Location"] == reverse("backoffice:system:my_jobs")
        assert not FinanceStatement.objects.exists()
        queued = DBTaskResult.objects.get()
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    statement = FinanceStatement.objects.get()
    assert statement.lines.count() == 4
    assert "已导入 4 条收支明细" in Job.objects.get(task_id=str(queued.id)).note
    again = tasks.import_statement_upload.enqueue(**queued.args_kwargs["kwargs"])
    assert again.return_value == {"ok": True, "repeated": True, "record_id": statement.record_id, "lines": 0}
    assert FinanceStatement.objects.count() == 1
