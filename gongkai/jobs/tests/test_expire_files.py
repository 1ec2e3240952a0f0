"""Result files of finished jobs are removed after the retention period by a scheduled task; the job row stays and
我的后台任务 says the file expired."""

import os
import time

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from gongkai.catalog.services import create_item
from gongkai.catalog.tests.factories import catalog_of, item_data
from gongkai.jobs import tasks as job_tasks
from gongkai.jobs.models import Job
from gongkai.jobs.results import result_file
from gongkai.jobs.schedule import entry

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def job_files(settings, tmp_path):
    settings.GONGKAI_JOB_FILES_DIR = tmp_path / "job-files"
    settings.GONGKAI_JOB_FILES_RETENTION_DAYS = 30
    return settings.GONGKAI_JOB_FILES_DIR


def age(folder, days):
    stamp = time.time() - days * 86400
    for path in [*folder.iterdir(), folder]:
        os.utime(path, (stamp, stamp))


def test_the_cleanup_is_scheduled():
    assert entry("jobs.expire_files").task_path == "gongkai.jobs.tasks.expire_result_files"


@pytest.mark.django_db(transaction=True)
def test_old_result_files_are_removed_once_and_the_job_says_so(seeded, client, department, office, settings):
    settings.GONGKAI_TASK_QUEUE = "database"
    item = create_item(catalog=catalog_of(department), actor=office, data=item_data())
    url = reverse("backoffice:catalog:export", kwargs={"catalog_id": item.catalog_id, "suffix": "csv"})
    client.force_login(office)
    with override_settings(TASKS=DATABASE_QUEUE):
        assert client.get(url).status_code == 302
        assert client.get(url).status_code == 302
        call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        old, new = sorted(str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True))
        age(result_file(person_id=office.pk, task_id=old).parent, days=31)
        age(result_file(person_id=office.pk, task_id=new).parent, days=29)
    assert job_tasks.expire_result_files.enqueue().return_value == 1
    assert job_tasks.expire_result_files.enqueue().return_value == 0
    with override_settings(TASKS=DATABASE_QUEUE):
        assert result_file(person_id=office.pk, task_id=old) is None
        assert result_file(person_id=office.pk, task_id=new) is not None
        assert Job.objects.get(task_id=old).file_expired_at is not None
        assert Job.objects.get(task_id=new).file_expired_at is None
        response = client.get(reverse("backoffice:system:my_jobs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "结果文件已过保存期" in page
    assert reverse("backoffice:system:job_file", args=[new]) in page
    assert reverse("backoffice:system:job_file", args=[old]) not in page
    assert client.get(reverse("backoffice:system:job_file", args=[old])).status_code == 404


def test_nothing_to_remove_without_a_folder(db, job_files):
    assert not job_files.exists()
    assert job_tasks.expire_result_files.enqueue().return_value == 0
