"""Service sites and their two-level category tree. Coordinates are converted to CGCS2000 before they are stored."""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.core import audit
from gongkai.core.errors import AccessDenied
from gongkai.core.files import save_file

from ..access import can_edit_site, can_manage_packages
from ..coordinates import to_stored
from ..errors import Invalid, Problem
from ..models import Accessibility, Site, SiteCategory, SitePhoto
from ..photos import photo_extension

SITE_FIELDS = ("name", "address", "hours", "contact_person", "phone", "services", "accessibility",
               "is_disclosure_point", "is_active")  # fmt: skip
# The region the district's sites may lie in: mainland China's extent, to catch swapped or mistyped coordinates.
LATITUDE_RANGE, LONGITUDE_RANGE = (3.8, 53.6), (73.5, 135.1)


def category_problems(fields: dict, parent, category) -> list[Problem]:
    problems = []
    if not (fields.get("name") or "").strip():
        problems.append(Problem("name", _("请填写分类名称。")))
    if parent is not None and parent.parent_id is not None:
        problems.append(Problem("parent", _("分类只有两级：小类的上级必须是大类。")))
    if category is not None and parent is not None and category.children.exists():
        problems.append(Problem("parent", _("已有小类的大类不能再挂到其他大类下面。")))
    taken = SiteCategory.objects.filter(code=fields.get("code"))
    if category is not None:
        taken = taken.exclude(pk=category.pk)
    if not fields.get("code") or taken.exists():
        problems.append(Problem("code", _("分类代码不能为空，也不能与其他分类重复。")))
    return problems


@transaction.atomic
def save_category(*, fields: dict, parent, actor, organization, category=None) -> SiteCategory:
    """Create or change a category; the office of `organization` (the district government) manages the tree."""
    if not can_manage_packages(actor, organization):
        raise AccessDenied(_("服务点分类由政务公开办公室维护。"))
    problems = category_problems(fields, parent, category)
    if problems:
        raise Invalid(problems)
    category = category or SiteCategory()
    for key in ("code", "name", "sort_order", "is_active"):
        if key in fields:
            setattr(category, key, fields[key])
    category.parent = parent
    category.save()
    audit.log("services.category.saved", actor=actor, target=category, organization=organization)
    return category


def site_problems(fields: dict, category, latitude, longitude) -> list[Problem]:
    problems = [
        Problem(key, _("请填写%(label)s。") % {"label": label})
        for key, label in (("name", _("名称")), ("address", _("地址")))
        if not (fields.get(key) or "").strip()
    ]
    if category is None or category.parent_id is None:
        problems.append(Problem("category", _("请选择一个小类（如“文化”下的“图书馆”）。")))
    if not (LATITUDE_RANGE[0] <= latitude <= LATITUDE_RANGE[1]):
        problems.append(
            Problem("latitude", _("纬度%(value)s不在我国境内，请检查是否把经纬度填反了。") % {"value": latitude})
        )
    if not (LONGITUDE_RANGE[0] <= longitude <= LONGITUDE_RANGE[1]):
        problems.append(
            Problem("longitude", _("经度%(value)s不在我国境内，请检查是否把经纬度填反了。") % {"value": longitude})
        )
    unknown = set(fields.get("accessibility") or []) - set(Accessibility.values)
    if unknown:
        problems.append(Problem("accessibility", _("无障碍设施中有无法识别的选项。")))
    return problems


@transaction.atomic
def save_site(*, organization, category, fields: dict, latitude, longitude, coordinate_system: str, actor,
              guides=(), site=None) -> Site:  # fmt: skip
    """Create or change a site. `coordinate_system` names where the coordinates were copied from."""
    site = Site(organization=organization) if site is None else Site.objects.select_for_update().get(pk=site.pk)
    if not can_edit_site(actor, site):
        raise AccessDenied(_("您不能维护本机构以外的服务点。"))
    problems = site_problems(fields, category, float(latitude), float(longitude))
    if problems:
        raise Invalid(problems)
    site.latitude, site.longitude = to_stored(latitude, longitude, coordinate_system)
    site.category = category
    for key in SITE_FIELDS:
        if key in fields:
            setattr(site, key, fields[key])
    site.save()
    site.guides.set(guides)
    audit.log("services.site.saved", actor=actor, target=site, organization=site.organization,
              data={"coordinate_system": coordinate_system, "latitude": str(site.latitude),
                    "longitude": str(site.longitude)})  # fmt: skip
    return site


@transaction.atomic
def add_site_photo(*, site: Site, data: bytes, description: str, actor) -> SitePhoto:
    if not can_edit_site(actor, site):
        raise AccessDenied(_("您不能维护本机构以外的服务点。"))
    if not description.strip():
        raise Invalid([Problem("description", _("请填写图片说明，供视障人士的读屏软件朗读。"))])
    extension = photo_extension(data)
    photo = SitePhoto(site=site, description=description.strip()[:150])
    save_file(photo.image, f"{uuid.uuid4().hex}{extension}", data)
    photo.save()
    audit.log("services.site.photo_added", actor=actor, target=site, organization=site.organization,
              data={"photo": photo.pk})  # fmt: skip
    return photo
