"""The lexicon and expression imports run as a background job: inline they answer at once as before; on the
database queue the page points to 我的后台任务, the worker imports all or nothing, and a second run of the same
upload imports nothing again."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from gongkai.jobs.models import Job
from gongkai.screening import tasks
from gongkai.screening.models import Expression, Lexicon

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    settings.GONGKAI_JOB_FILES_DIR = tmp_path / "job-files"


def upload(text: str, name: str = "词库.csv"):
    file = io.BytesIO(text.encode())
    file.name = name
    return file


def import_url(list_name="lexicon"):
    return reverse("backoffice:screening:import", kwargs={"list_name": list_name})


@pytest.mark.django_db
def test_inline_import_answers_with_its_outcome_and_keeps_no_upload(client, office):
    client.force_login(office)
    response = client.post(import_url(), {"file": upload("词条,类别,严重程度\n传销,违法违规,阻止发布\n")})
    assert response.status_code == 200
    assert response.context["report"]["created"] == 1
    assert Lexicon.objects.filter(term="传销").exists()
    assert list(tasks.upload_dir().iterdir()) == []


@pytest.mark.django_db
def test_a_dry_run_imports_nothing(client, office):
    client.force_login(office)
    response = client.post(
        import_url("expressions"), {"file": upload("错误表述,正确表述\n国务院办公室,国务院办公厅\n"), "dry_run": "on"}
    )
    assert response.status_code == 200
    assert response.context["report"]["created"] == 1
    assert not Expression.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_queued_import_runs_on_the_worker_once_with_progress(seeded, client, office, settings):
    settings.GONGKAI_TASK_QUEUE = "database"
    client.force_login(office)
    with override_settings(TASKS=DATABASE_QUEUE):
        response = client.post(import_url(), {"file": upload("词条,类别,严重程度\n传销,违法违规,阻止发布\n")})
        assert response.status_code == 302
        assert response["Location"] == reverse("backoffice:system:my_jobs")
        assert not Lexicon.objects.exists()
        queued = DBTaskResult.objects.get()
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert Lexicon.objects.filter(term="传销").count() == 1
    job = Job.objects.get(task_id=str(queued.id))
    assert (job.done, job.total) == (1, 1)
    assert "新增 1" in job.note
    page = client.get(reverse("backoffice:system:my_jobs")).content.decode()
    assert "导入敏感词库或表述纠错" in page
    kwargs = queued.args_kwargs["kwargs"]
    again = tasks.import_list_upload.enqueue(**kwargs)
    assert again.return_value["repeated"] is True
    assert Lexicon.objects.filter(term="传销").count() == 1


@pytest.mark.django_db
def test_a_bad_row_imports_nothing_and_is_reported(client, office):
    client.force_login(office)
    text = "词条,类别,严重程度\n传销,违法违规,阻止发布\n赌博,违法违规,很严重\n"
    response = client.post(import_url(), {"file": upload(text)})
    assert response.status_code == 200
    assert [(error.row, error.column) for error in response.context["errors"]] == [(3, "严重程度")]
    assert not Lexicon.objects.exists()
