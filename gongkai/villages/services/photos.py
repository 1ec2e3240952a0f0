"""Attaching phone photos to an issue or to a village record draft, always through `photos.clean_photo`."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.core.files import save_file
from gongkai.publishing.services import add_attachment
from gongkai.publishing.uploads import read_all

from ..access import is_assignee_staff, is_township_supervisor, is_village_worker
from ..models import IssuePhoto, IssueStatus, ResidentIssue
from ..photos import clean_photo
from .common import log, require

MAX_PHOTOS = 9


@transaction.atomic
def add_issue_photo(*, issue: ResidentIssue, upload, actor) -> IssuePhoto:
    rows = ResidentIssue.objects.select_for_update(of=("self",))
    issue = rows.select_related("village__region", "village__parent").get(pk=issue.pk)
    require(
        is_village_worker(actor, issue.village)
        or is_assignee_staff(actor, issue)
        or is_township_supervisor(actor, issue.village),
        _("只有本村（社区）工作人员、承办单位或乡镇（街道）审核人可以上传现场照片。"),
    )
    if issue.status == IssueStatus.CLOSED:
        require(False, _("诉求已办结，不能再上传照片。"))
    if issue.photos.count() >= MAX_PHOTOS:
        require(False, _("每件诉求最多上传9张照片。"))
    photo = clean_photo(read_all(upload))
    name = f"issue-{issue.pk}-{timezone.now():%Y%m%d%H%M%S%f}.jpg"
    stored = IssuePhoto(issue=issue, width=photo.width, height=photo.height, uploaded_by=actor)
    save_file(stored.file, name, photo.data)
    stored.save()
    log("issue.photo_added", issue, actor, issue.village, width=photo.width, height=photo.height)
    return stored


def add_record_photo(*, record, upload, actor):
    """A photo for a village record's draft: cleaned here, then attached by publishing's service (which checks the
    role and the record's state)."""
    photo = clean_photo(read_all(upload))
    name = f"现场照片-{timezone.now():%Y%m%d%H%M%S}.jpg"
    return add_attachment(record=record, upload=ContentFile(photo.data, name=name), actor=actor, name=name)
