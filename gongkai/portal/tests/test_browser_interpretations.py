"""A video interpretation's page in a real browser, at desktop and phone widths: the player, the transcript below
it, no serious or critical axe violation and nothing scrolling sideways at 360 px."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.tests.browser import NARROW, PageProblems, page_problems
from gongkai.publishing import services
from gongkai.publishing.models import RecordStatus
from gongkai.publishing.tests.factories import draft, force_status
from gongkai.publishing.tests.test_interpretation_kinds import MP4_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_video_interpretation_reads_well_on_a_desktop_and_a_phone(
    live_server, browser_context, browser_district, clerk, reviewer
):
    policy = browser_district["record"]
    record = draft(
        browser_district["department"],
        clerk,
        title="视频解读：2026年城乡居民最低生活保障标准",
        genre="interpretation",
        interprets=policy,
        interpretation_kind="video",
        transcript="各位市民，今年的低保标准提高到每人每月一千元。",
    )
    services.add_attachment(record=record, upload=SimpleUploadedFile("解读视频.mp4", MP4_BYTES), actor=clerk)
    record = services.publish_record(record=force_status(record, RecordStatus.CLEARED), actor=reviewer)
    for viewport in (None, NARROW):
        page = browser_context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        problems = PageProblems(page)
        page.goto(live_server.url + record.get_absolute_url())
        video = page.locator("video")
        assert video.get_attribute("preload") == "none"
        assert video.get_attribute("controls") is not None
        assert page.get_by_role("heading", name="视频文字稿").is_visible()
        assert "今年的低保标准提高到每人每月一千元" in page.locator(".transcript").inner_text()
        assert page_problems(page, problems) == []
        page.close()
