"""Jobs started from the back office (exports, imports, report rendering, the inspection run) run on the queue:
their result file goes to the person who started them only; they are safe to run twice and retried."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import OperationalError
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gongkai.catalog import tasks as catalog_tasks
from gongkai.catalog.models import Item, ItemStatus
from gongkai.catalog.services import create_item
from gongkai.catalog.tests.factories import catalog_of, item_data
from gongkai.catalog.tests.workbooks import national_workbook
from gongkai.core.models import AuditEntry
from gongkai.jobs.models import Job
from gongkai.jobs.results import result_file

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    settings.GONGKAI_JOB_FILES_DIR = tmp_path / "job-files"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.GONGKAI_JOB_FILES_DIR


@pytest.fixture
def database_queue(settings):
    settings.GONGKAI_TASK_QUEUE = "database"
    settings.GONGKAI_TASK_RETRY_SECONDS = 30
    with override_settings(TASKS=DATABASE_QUEUE):
        yield


@pytest.fixture
def catalog(department):
    return catalog_of(department)


@pytest.fixture
def item(catalog, office):
    return create_item(catalog=catalog, actor=office, data=item_data())


def run_worker():
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def export_url(item, suffix="csv"):
    return reverse("backoffice:catalog:export", kwargs={"catalog_id": item.catalog_id, "suffix": suffix})


def checked_upload(client, catalog) -> str:
    url = reverse("backoffice:catalog:import", kwargs={"catalog_id": catalog.pk})
    preview = client.post(url, {"file": SimpleUploadedFile("目录.xlsx", national_workbook())})
    assert preview.context["result"].ok
    return preview.context["token"]


def test_inline_export_answers_with_the_file_and_keeps_nothing(client, item, office, job_files):
    client.force_login(office)
    response = client.get(export_url(item))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="catalog-{item.catalog.prefix}.csv"'
    assert item.code in response.content.decode("utf-8")
    assert [path for path in job_files.rglob("*") if path.is_file()] == []


@pytest.mark.django_db(transaction=True)
def test_queued_export_is_downloaded_by_the_person_who_started_it_only(
    seeded, client, item, office, clerk, database_queue
):
    client.force_login(office)
    response = client.get(export_url(item))
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:system:my_jobs")
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert queued.args_kwargs["kwargs"] == {"person_id": office.pk, "catalog_id": item.catalog_id, "suffix": "csv"}
    run_worker()
    task_id = str(queued.id)
    page = client.get(reverse("backoffice:system:my_jobs")).content.decode()
    download = reverse("backoffice:system:job_file", args=[task_id])
    assert download in page
    assert Job.objects.get(task_id=task_id).done == 1
    first = client.get(download)
    assert first.status_code == 200
    assert item.code in first.content.decode("utf-8")
    client.force_login(clerk)
    assert client.get(download).status_code == 404
    assert download not in client.get(reverse("backoffice:system:my_jobs")).content.decode()
    assert result_file(person_id=clerk.pk, task_id=task_id) is None


def test_an_export_run_twice_writes_the_same_file(item, office):
    first = catalog_tasks.export_catalog.enqueue(catalog_id=item.catalog_id, suffix="json", person_id=office.pk)
    second = catalog_tasks.export_catalog.enqueue(catalog_id=item.catalog_id, suffix="json", person_id=office.pk)
    assert first.status == second.status == TaskResultStatus.SUCCESSFUL
    one = result_file(person_id=office.pk, task_id=str(first.id))
    two = result_file(person_id=office.pk, task_id=str(second.id))
    assert one.name == two.name == f"catalog-{item.catalog.prefix}.json"
    assert one.read_bytes() == two.read_bytes()


def test_a_confirmed_import_runs_once_per_checked_workbook(client, catalog, office):
    client.force_login(office)
    token = checked_upload(client, catalog)
    url = reverse("backoffice:catalog:import", kwargs={"catalog_id": catalog.pk})
    response = client.post(url, {"token": token, "name": "目录.xlsx"})
    assert response.status_code == 302
    assert Item.objects.filter(status=ItemStatus.IN_FORCE).count() == 5
    again = catalog_tasks.import_catalog_upload.enqueue(
        catalog_id=catalog.pk, token=token, file_name="目录.xlsx", person_id=office.pk
    )
    assert again.return_value["repeated"] is True
    assert client.post(url, {"token": token, "name": "目录.xlsx"}).status_code == 302
    assert Item.objects.count() == 5
    assert AuditEntry.objects.filter(action="catalog.catalog.imported").count() == 1


def test_an_unknown_import_token_is_not_found_and_imports_nothing(client, catalog, office):
    client.force_login(office)
    url = reverse("backoffice:catalog:import", kwargs={"catalog_id": catalog.pk})
    assert client.post(url, {"token": "00000000-0000-4000-8000-000000000000"}).status_code == 404
    assert client.post(url, {"token": "../../etc/passwd"}).status_code == 404
    assert not Item.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_failed_import_is_retried_and_imports_once(seeded, client, catalog, office, database_queue, monkeypatch):
    client.force_login(office)
    token = checked_upload(client, catalog)
    real_import = catalog_tasks.import_catalog
    failures = []

    def import_failing_once(**kwargs):
        if not failures:
            failures.append(1)
            raise OperationalError("database is locked")
        return real_import(**kwargs)

    monkeypatch.setattr(catalog_tasks, "import_catalog", import_failing_once)
    url = reverse("backoffice:catalog:import", kwargs={"catalog_id": catalog.pk})
    assert client.post(url, {"token": token, "name": "目录.xlsx"}).status_code == 302
    run_worker()
    assert not Item.objects.exists()
    retry = DBTaskResult.objects.get(status="READY")
    assert Job.objects.get(task_id=str(retry.id)).attempt == 2
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now() - timedelta(seconds=1))
    run_worker()
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert Item.objects.filter(status=ItemStatus.IN_FORCE).count() == 5
    catalog_tasks.import_catalog_upload.call(
        None, catalog_id=catalog.pk, token=token, file_name="目录.xlsx", person_id=office.pk
    )
    assert AuditEntry.objects.filter(action="catalog.catalog.imported").count() == 1
