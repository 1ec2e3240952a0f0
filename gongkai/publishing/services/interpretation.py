"""三同步 (policy and its interpretation published together): which records must have an interpretation, the office's
marks and exemptions, and the gate every publication passes (`require_interpretation`)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied
from gongkai.orgs.access import is_admin, office_region_paths
from gongkai.orgs.models import Role

from ..errors import PublishingError, PublishingErrorCode
from ..models import AttachmentKind, Genre, InterpretationGenre, InterpretationKind, Record, RecordStatus
from .common import require, require_text

ALWAYS = frozenset({Genre.NORMATIVE})  # 行政规范性文件: always published with its interpretation
# An interpretation counts as "submitted with" the policy once it has left the draft stage and is not withdrawn.
SUBMITTED_OR_LATER = (
    RecordStatus.SUBMITTED,
    RecordStatus.REVIEWED,
    RecordStatus.CLEARED,
    RecordStatus.SCHEDULED,
    RecordStatus.PUBLISHED,
)


def marked_genres(region) -> set[str]:
    """Genres the offices of `region` or any region above it have marked as needing an interpretation."""
    codes = [code for code in region.path.split("/") if code]
    return set(InterpretationGenre.objects.filter(region__division_code__in=codes).values_list("genre", flat=True))


def inherited_marks(region) -> dict[str, str]:
    """genre → name of the region above `region` whose office marked it (marks of `region` itself excluded)."""
    codes = [code for code in region.path.split("/") if code and code != region.division_code]
    marks = (
        InterpretationGenre.objects.filter(region__division_code__in=codes)
        .select_related("region")
        .order_by("region__path")
    )
    return {mark.genre: mark.region.name for mark in marks}


def own_marks(region) -> set[str]:
    return set(InterpretationGenre.objects.filter(region=region).values_list("genre", flat=True))


def markable_genres() -> list[tuple[str, str]]:
    """The genres an office may mark: every genre but 行政规范性文件 (always needed) and 政策解读 itself."""
    return [
        (value, str(label)) for value, label in Genre.choices if value not in ALWAYS and value != Genre.INTERPRETATION
    ]


def genres_needing_interpretation(region) -> set[str]:
    return set(ALWAYS) | marked_genres(region)


def requires_interpretation(record: Record) -> bool:
    if record.genre == Genre.INTERPRETATION:
        return False
    return record.genre in genres_needing_interpretation(record.organization.region)


def has_submitted_interpretation(record: Record) -> bool:
    return record.interpretations.filter(status__in=SUBMITTED_OR_LATER).exists()


def require_interpretation(record: Record) -> None:
    """Refuse to publish a record that needs an interpretation and has neither one submitted with it nor the
    office's written exemption."""
    if record.interpretation_exemption or not requires_interpretation(record):
        return
    if has_submitted_interpretation(record):
        return
    raise PublishingError(
        PublishingErrorCode.INTERPRETATION_MISSING,
        _(
            "“%(genre)s”类信息须与政策解读同步发布（三同步）：请先起草并提交解读该文件的政策解读"
            "（体裁选“政策解读”，“解读的政策文件”选本信息），或由政务公开办公室书面说明理由同意免于解读。"
        )
        % {"genre": Genre(record.genre).label},
    )


def require_video(record: Record) -> None:
    """A video interpretation goes to review and to the public only with its video (an MP4 or WebM attachment)."""
    if record.genre != Genre.INTERPRETATION or record.interpretation_kind != InterpretationKind.VIDEO:
        return
    if not record.attachments.filter(is_active=True, kind=AttachmentKind.VIDEO).exists():
        raise PublishingError(
            PublishingErrorCode.INVALID,
            _("视频解读须上传视频附件（MP4 或 WebM 格式）后才能提交或发布，请在信息页面的“附件”中上传视频。"),
            field="interpretation_kind",
        )


def require_office_over(actor, region) -> None:
    """The office of `region` or a region above it, an administrator, or (actor None) the server's operator."""
    if actor is None or is_admin(actor):
        return
    if not any(region.path.startswith(path) for path in office_region_paths(actor)):
        raise AccessDenied(_("只有本地区的政务公开办公室可以设置须配套解读的体裁。"))


@transaction.atomic
def exempt_from_interpretation(*, record: Record, actor, reason: str) -> Record:
    """The office agrees in writing that this record is published without an interpretation."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    require(actor, record, (Role.OFFICE,), _("只有政务公开办公室可以同意免于配套解读。"))
    reason = require_text(reason, _("免于配套解读必须写明理由。"), "reason")
    record.interpretation_exemption = reason
    record.interpretation_exempted_by = actor
    record.interpretation_exempted_at = timezone.now()
    record.save(update_fields=["interpretation_exemption", "interpretation_exempted_by", "interpretation_exempted_at"])
    audit.log(
        "publishing.record.interpretation_exempted",
        actor=actor,
        target=record,
        organization=record.organization,
        data={"reason": reason},
    )
    return record


@transaction.atomic
def mark_interpretation_genre(*, region, genre: str, actor) -> InterpretationGenre:
    require_office_over(actor, region)
    if genre not in Genre.values or genre == Genre.INTERPRETATION:
        raise PublishingError(PublishingErrorCode.INVALID, _("体裁“%(genre)s”无效。") % {"genre": genre})
    mark, created = InterpretationGenre.objects.get_or_create(region=region, genre=genre, defaults={"marked_by": actor})
    if created:
        audit.log(
            "publishing.interpretation_genre.marked",
            actor=actor,
            target=mark,
            data={"region": region.name, "genre": genre},
        )
    return mark


@transaction.atomic
def unmark_interpretation_genre(*, region, genre: str, actor) -> None:
    require_office_over(actor, region)
    mark = InterpretationGenre.objects.filter(region=region, genre=genre).first()
    if mark is None:
        return
    audit.log(
        "publishing.interpretation_genre.unmarked",
        actor=actor,
        target=mark,
        data={"region": region.name, "genre": genre},
    )
    mark.delete()


@transaction.atomic
def set_interpretation_genres(*, region, genres, actor) -> tuple[list[str], list[str]]:
    """Make `genres` exactly the genres the office of `region` marks (one audit entry per genre marked or unmarked);
    returns (marked, unmarked). Genres marked by a region above stay as they are."""
    require_office_over(actor, region)
    wanted = set(genres)
    allowed = {value for value, _label in markable_genres()}
    unknown = sorted(wanted - allowed)
    if unknown:
        raise PublishingError(PublishingErrorCode.INVALID, _("体裁“%(genre)s”无效。") % {"genre": "、".join(unknown)})
    current = own_marks(region)
    marked = sorted(wanted - current)
    unmarked = sorted(current - wanted)
    for genre in marked:
        mark_interpretation_genre(region=region, genre=genre, actor=actor)
    for genre in unmarked:
        unmark_interpretation_genre(region=region, genre=genre, actor=actor)
    return marked, unmarked
