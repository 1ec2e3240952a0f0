"""Static publishing: files equal what Django renders; withdrawal and expiry remove them before returning."""

import pytest
from django.core.management import call_command
from django.test import Client

from gongkai.portal.pages import registry, service, storage
from gongkai.publishing import services
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status

from .conftest import all_file_texts

pytestmark = pytest.mark.django_db


def publish(department, clerk, reviewer, title):
    record = force_status(draft(department, clerk, title=title), RecordStatus.CLEARED)
    return services.publish_record(record=record, actor=reviewer)


@pytest.fixture
def published(columns, clerk, reviewer, pages_dir, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish(columns, clerk, reviewer, "关于静态发布测试的通知")


def test_every_static_file_equals_what_django_renders(published, pages_dir):
    counts = service.rebuild()
    assert counts["written"] > 0
    checked = 0
    first_of_family = {next(iter(family.urls()), None) for family in registry.families()}
    for url in registry.all_urls():
        # Every page in the default variant; the first page of each family in the others (the same code path).
        variants = storage.VARIANTS if url in first_of_family else storage.VARIANTS[:1]
        for variant in variants:
            client = Client()
            for name, value in variant.cookies.items():
                client.cookies[name] = value
            response = client.get(url)
            files = [path for path in storage.candidates(url, variant) if path.is_file()]
            if response.status_code != 200:
                assert files == [], url
                continue
            content = b"".join(response.streaming_content) if response.streaming else response.content
            assert len(files) == 1, url
            assert files[0].read_bytes() == content, f"{url} {variant}"
            checked += 1
    assert checked >= 4 * 5
    record_file = pages_dir / "zh-hans/normal" / f"records/{published.pk}/index.html"
    assert "关于静态发布测试的通知" in record_file.read_text()
    assert (pages_dir / "en/elder" / f"records/{published.pk}/index.html").is_file()
    assert (pages_dir / "zh-hans/normal/feeds/columns/notices/rss/index.rss").is_file()
    assert (pages_dir / "zh-hans/normal/sitemap.xml").is_file()

    english = (pages_dir / "en/normal/index.html").read_text()
    elder = (pages_dir / "zh-hans/elder/index.html").read_text()
    normal = (pages_dir / "zh-hans/normal/index.html").read_text()
    assert '<html lang="en">' in english
    assert 'class="elder"' in elder
    assert 'class="elder"' not in normal
    assert "csrfmiddlewaretoken" not in normal


def test_rebuild_is_idempotent_and_removes_stray_files(one_variant, published, pages_dir):
    service.rebuild()
    before = {path: path.read_bytes() for path in storage.existing_files()}
    stray = pages_dir / "zh-hans/normal/records/999999/index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("旧页面")
    counts = service.rebuild()
    assert counts["stray_removed"] == 1
    assert {path: path.read_bytes() for path in storage.existing_files()} == before


def test_publishing_renders_the_record_page_on_the_queue(one_variant, published, pages_dir):
    page = pages_dir / "zh-hans/normal" / f"records/{published.pk}/index.html"
    assert "关于静态发布测试的通知" in page.read_text()
    assert (pages_dir / "zh-hans/normal" / f"records/{published.pk}/qr.svg").read_bytes().startswith(b"<svg")
    column = (pages_dir / "zh-hans/normal/columns/notices/index.html").read_text()
    assert "关于静态发布测试的通知" in column


@pytest.mark.parametrize("how", ["withdraw", "expire"])
def test_taking_a_record_down_removes_its_files_before_the_service_returns(
    how, one_variant, published, reviewer, pages_dir, monkeypatch, django_capture_on_commit_callbacks
):
    service.rebuild()
    title = "关于静态发布测试的通知"
    assert any(title in text for text in all_file_texts(pages_dir).values())
    rendered_later = []
    original_changed = service.changed
    # The queue is slow (a worker would re-render seconds later): nothing may depend on it.
    monkeypatch.setattr(service, "changed", lambda topics: rendered_later.append(sorted(topics)))
    with django_capture_on_commit_callbacks(execute=True):
        if how == "withdraw":
            services.withdraw_record(record=published, actor=reviewer, reason="内容有误")
        else:
            services.expire_record(record=published, actor=reviewer)
    assert rendered_later == [[f"record:{published.pk}", f"shown:{published.pk}"]]
    leaking = [path for path, text in all_file_texts(pages_dir).items() if title in text]
    assert leaking == []
    assert not (pages_dir / "zh-hans/normal" / f"records/{published.pk}/index.html").exists()
    # The re-render then writes the lists again, without the record, and no page for it (it answers 410).
    monkeypatch.setattr(service, "changed", original_changed)
    service.refresh(registry.stale_urls([f"record:{published.pk}"]))
    assert (pages_dir / "zh-hans/normal/columns/notices/index.html").is_file()
    assert not (pages_dir / "zh-hans/normal" / f"records/{published.pk}/index.html").exists()
    assert not [path for path, text in all_file_texts(pages_dir).items() if title in text]


def test_a_withdrawal_takes_the_title_off_the_pages_of_related_records_at_once(
    one_variant, published, columns, clerk, reviewer, pages_dir, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        neighbour = publish(columns, clerk, reviewer, "关于同一栏目另一事项的通知")
    service.rebuild()
    neighbour_page = pages_dir / "zh-hans/normal" / f"records/{neighbour.pk}/index.html"
    assert "关于静态发布测试的通知" in neighbour_page.read_text()  # in its 相关信息
    original_changed = service.changed
    monkeypatch.setattr(service, "changed", lambda topics: None)  # the queue never catches up
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_record(record=published, actor=reviewer, reason="内容有误")
    assert not neighbour_page.exists()  # Django answers for it until the queue renders it again
    assert not [path for path, text in all_file_texts(pages_dir).items() if "关于静态发布测试的通知" in text]
    monkeypatch.setattr(service, "changed", original_changed)
    service.refresh(registry.stale_urls([f"shown:{published.pk}"]))
    assert "关于同一栏目另一事项的通知" in neighbour_page.read_text()


def test_static_command_rebuilds_and_reports(one_variant, published, pages_dir, capsys):
    call_command("static", "rebuild")
    out = capsys.readouterr().out
    assert "files written" in out
    call_command("static", "status")
    assert "publishing.records" in capsys.readouterr().out


def test_static_pages_off_changes_nothing(columns, clerk, reviewer, settings, tmp_path):
    settings.GONGKAI_STATIC_PAGES = False
    settings.GONGKAI_STATIC_PAGES_DIR = tmp_path / "pages"
    publish(columns, clerk, reviewer, "关闭时不生成")
    assert not (tmp_path / "pages").exists()


def test_page_paths_cannot_leave_the_folder(pages_dir):
    with pytest.raises(ValueError, match="not a page path"):
        storage.candidates("/records/../../etc/passwd", storage.VARIANTS[0])


def test_a_burst_of_changes_waits_in_the_queue_as_one_render(pages_dir, settings):
    from django.test import override_settings
    from django_tasks_db.models import DBTaskResult

    settings.GONGKAI_TASK_QUEUE = "database"
    queue = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    with override_settings(TASKS=queue):
        for _ in range(3):
            service.changed({"columns"})
        service.changed({"record:7"})
    assert sorted(row.args_kwargs["args"] for row in DBTaskResult.objects.all()) == [[["columns"]], [["record:7"]]]
