"""Interpretation kinds (解读形式): 文字解读, 图解 (with a long description) and 视频解读 (with a video checked by
content and a transcript), refused with a Chinese message when incomplete and shown on the public page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.core.models import AuditEntry
from gongkai.publishing import services
from gongkai.publishing.errors import PublishingError, PublishingErrorCode
from gongkai.publishing.models import Attachment, AttachmentKind, Genre, InterpretationKind, Record
from gongkai.publishing.models import RecordStatus as S

from .factories import draft, force_status

pytestmark = pytest.mark.django_db

# The smallest files whose content says what they are: an ISO base media `ftyp` box, and an EBML header whose
# DocType is "webm" (the rest of the stream does not matter to the check).
MP4_BYTES = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" + b"\x00" * 64
WEBM_BYTES = (
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"
    b"\x42\x87\x81\x04\x42\x85\x81\x02" + b"\x00" * 64
)
MKV_BYTES = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x88matroska" + b"\x00" * 64


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GONGKAI_CACHE_DIR = tmp_path / "cache"


@pytest.fixture
def policy(department, clerk):
    return force_status(
        draft(department, clerk, genre=Genre.POLICY, title="关于支持小微企业发展的若干措施"), S.PUBLISHED
    )


def interpretation(department, clerk, policy, **fields):
    values = {"genre": Genre.INTERPRETATION, "interprets": policy, "title": "一图读懂小微企业扶持措施"}
    return draft(department, clerk, **{**values, **fields})


def upload(record, actor, name, data):
    return services.add_attachment(record=record, upload=SimpleUploadedFile(name, data), actor=actor)


def test_existing_and_new_interpretations_are_text_by_default(department, clerk, policy):
    record = interpretation(department, clerk, policy)
    assert record.interpretation_kind == InterpretationKind.TEXT
    assert record.revisions.get().metadata["interpretation_kind"] == "text"


def test_a_graphic_interpretation_needs_a_long_description(department, clerk, policy):
    with pytest.raises(PublishingError) as raised:
        interpretation(department, clerk, policy, interpretation_kind=InterpretationKind.GRAPHIC, long_description=" ")
    assert raised.value.field == "long_description"
    assert raised.value.message == "图解须填写图解文字说明：用文字完整说明图解的内容，供无法查看图片的读者阅读。"
    assert not Record.objects.filter(genre=Genre.INTERPRETATION).exists()


def test_a_graphic_interpretation_keeps_refusing_images_without_alt_text(department, clerk, policy):
    with pytest.raises(PublishingError) as raised:
        interpretation(
            department,
            clerk,
            policy,
            interpretation_kind=InterpretationKind.GRAPHIC,
            long_description="措施共三条。",
            body='<p><img src="https://example.gov.cn/tu.png"></p>',
        )
    assert raised.value.field == "body"
    assert "图片说明" in raised.value.message
    assert not Record.objects.filter(genre=Genre.INTERPRETATION).exists()


def test_a_video_interpretation_needs_a_transcript(department, clerk, policy):
    record = interpretation(department, clerk, policy)
    with pytest.raises(PublishingError) as raised:
        services.update_record(record=record, actor=clerk, interpretation_kind=InterpretationKind.VIDEO)
    assert raised.value.field == "transcript"
    assert raised.value.message == "视频解读须填写视频文字稿：写出视频中讲解的全部内容，显示在视频下方。"
    record.refresh_from_db()
    assert record.interpretation_kind == InterpretationKind.TEXT
    assert record.revision_number == 1


def test_only_interpretations_can_be_graphic_or_video(department, clerk):
    with pytest.raises(PublishingError) as raised:
        draft(department, clerk, interpretation_kind=InterpretationKind.VIDEO, transcript="文字稿")
    assert raised.value.field == "interpretation_kind"
    assert "只有体裁为“政策解读”的信息才能选择图解或视频解读" in raised.value.message
    assert not Record.objects.exists()


def test_a_video_interpretation_without_its_video_cannot_be_submitted(department, clerk, policy):
    record = interpretation(
        department, clerk, policy, interpretation_kind=InterpretationKind.VIDEO, transcript="大家好"
    )
    with pytest.raises(PublishingError) as raised:
        services.submit_record(record=record, actor=clerk)
    assert raised.value.message.startswith("视频解读须上传视频附件（MP4 或 WebM 格式）后才能提交或发布")
    record.refresh_from_db()
    assert record.status == S.DRAFT
    assert not AuditEntry.objects.filter(action="publishing.record.submitted").exists()
    upload(record, clerk, "解读视频.mp4", MP4_BYTES)
    assert services.submit_record(record=record, actor=clerk).status == S.SUBMITTED


def test_a_video_interpretation_without_its_video_cannot_be_published_in_an_emergency(
    department, clerk, office, policy
):
    record = interpretation(
        department, clerk, policy, interpretation_kind=InterpretationKind.VIDEO, transcript="大家好"
    )
    with pytest.raises(PublishingError) as raised:
        services.emergency_publish_record(record=record, actor=office, reason="紧急解读")
    assert "视频解读须上传视频附件" in raised.value.message
    record.refresh_from_db()
    assert record.status == S.DRAFT
    assert record.index_number is None


@pytest.mark.parametrize(
    ("name", "data", "content_type", "extension"),
    [("解读.mp4", MP4_BYTES, "video/mp4", ".mp4"), ("解读.bin", WEBM_BYTES, "video/webm", ".webm")],
)
def test_a_video_interpretation_takes_mp4_and_webm_by_content(
    department, clerk, policy, name, data, content_type, extension
):
    record = interpretation(
        department, clerk, policy, interpretation_kind=InterpretationKind.VIDEO, transcript="大家好"
    )
    attachment = upload(record, clerk, name, data)
    assert (attachment.kind, attachment.content_type, attachment.extension) == (
        AttachmentKind.VIDEO,
        content_type,
        extension,
    )
    assert attachment.extracted_text == ""
    assert attachment.file.name.endswith(extension)


def test_a_text_file_named_mp4_is_refused(department, clerk, policy):
    record = interpretation(
        department, clerk, policy, interpretation_kind=InterpretationKind.VIDEO, transcript="大家好"
    )
    with pytest.raises(PublishingError) as raised:
        upload(record, clerk, "解读视频.mp4", "这不是视频，只是一段文字。".encode())
    assert raised.value.code == PublishingErrorCode.BAD_UPLOAD
    assert raised.value.message == (
        "附件“解读视频.mp4”无法接收：只接受 MP4/WebM 视频、PDF、Word（.docx）、Excel（.xlsx）和 PNG/JPEG/GIF 图片，"
        "文件内容不属于这些类型。"
    )
    assert not Attachment.objects.exists()


def test_matroska_is_refused_even_for_a_video_interpretation(department, clerk, policy):
    record = interpretation(
        department, clerk, policy, interpretation_kind=InterpretationKind.VIDEO, transcript="大家好"
    )
    with pytest.raises(PublishingError) as raised:
        upload(record, clerk, "解读.mkv", MKV_BYTES)
    assert "只接受 MP4 和 WebM 格式的视频" in raised.value.message
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("genre", [Genre.INTERPRETATION, Genre.NOTICE])
def test_videos_are_refused_on_anything_but_a_video_interpretation(department, clerk, policy, genre):
    record = draft(department, clerk, genre=genre, interprets=policy if genre == Genre.INTERPRETATION else None)
    with pytest.raises(PublishingError) as raised:
        upload(record, clerk, "视频.mp4", MP4_BYTES)
    assert raised.value.message == "附件“视频.mp4”无法接收：只有解读形式为“视频解读”的政策解读才能上传视频。"
    assert not Attachment.objects.exists()


def publish(record, reviewer):
    return services.publish_record(record=force_status(record, S.CLEARED), actor=reviewer)


def test_the_public_page_plays_the_video_with_its_transcript_below(client, department, clerk, reviewer, policy):
    record = interpretation(
        department, clerk, policy, interpretation_kind=InterpretationKind.VIDEO, transcript="第一段讲解。\n第二段讲解。"
    )
    video = upload(record, clerk, "解读视频.mp4", MP4_BYTES)
    record = publish(record, reviewer)
    page = client.get(record.get_absolute_url()).content.decode()
    source = f'<source src="/records/{record.pk}/attachments/{video.public_id}/" type="video/mp4">'
    assert '<video controls preload="none" aria-describedby="transcript-title">' + source in page
    assert '<h2 id="transcript-title">视频文字稿</h2>' in page
    assert page.index("<video") < page.index("第一段讲解。<br>第二段讲解。")
    assert '<span class="badge interpretation-kind">视频解读</span>' in page
    served = client.get(f"/records/{record.pk}/attachments/{video.public_id}/")
    assert served.status_code == 200
    assert served["Content-Type"] == "video/mp4"
    assert b"".join(served.streaming_content) == MP4_BYTES


def test_the_public_page_shows_a_graphic_with_its_long_description(client, department, clerk, reviewer, policy):
    record = interpretation(
        department,
        clerk,
        policy,
        interpretation_kind=InterpretationKind.GRAPHIC,
        long_description="措施一：减免房租。措施二：贴息贷款。",
        body='<p><img src="https://example.gov.cn/tu.png" alt="三项扶持措施的示意图"></p>',
    )
    record = publish(record, reviewer)
    page = client.get(record.get_absolute_url()).content.decode()
    assert '<span class="badge interpretation-kind">图解</span>' in page
    assert '<h2 id="long-description-title">图解文字说明</h2>' in page
    assert "措施一：减免房租。措施二：贴息贷款。" in page
    assert "<video" not in page


def test_the_policy_lists_its_interpretations_with_their_kind(client, department, clerk, reviewer, policy):
    publish(interpretation(department, clerk, policy, title="政策问答"), reviewer)
    publish(
        interpretation(
            department,
            clerk,
            policy,
            title="一图读懂",
            interpretation_kind=InterpretationKind.GRAPHIC,
            long_description="说明",
        ),
        reviewer,
    )
    page = client.get(policy.get_absolute_url()).content.decode()
    listed = page[page.index('id="interpretations-title"') :]
    assert '一图读懂</a> <span class="badge interpretation-kind">图解</span>' in listed
    assert '政策问答</a> <span class="badge interpretation-kind">文字解读</span>' in listed


def test_a_changed_kind_shows_in_the_revision_history(department, clerk, policy):
    from gongkai.publishing.history import diff

    record = interpretation(department, clerk, policy)
    services.update_record(
        record=record, actor=clerk, interpretation_kind=InterpretationKind.GRAPHIC, long_description="说明"
    )
    first, second = record.revisions.order_by("number")
    labels = {change.label: (change.old, change.new) for change in diff(first, second)["fields"]}
    assert labels["解读形式"] == ("文字解读", "图解")
    assert labels["图解文字说明"] == ("—", "说明")


def test_the_transcript_is_screened_like_the_body(department, clerk, policy):
    record = interpretation(
        department,
        clerk,
        policy,
        interpretation_kind=InterpretationKind.VIDEO,
        transcript="如有疑问请联系张老师，身份证号110101199003074514。",
    )
    upload(record, clerk, "解读视频.mp4", MP4_BYTES)
    with pytest.raises(PublishingError) as raised:
        services.submit_record(record=record, actor=clerk)
    assert raised.value.code == PublishingErrorCode.BLOCKING_FINDINGS
    assert "公民身份号码" in raised.value.message
    record.refresh_from_db()
    assert record.status == S.DRAFT
    report = services.check_record(record=record, actor=clerk)
    assert [issue.location for issue in report.blocking] == ["视频文字稿"]
