"""Choices of the services module, each defined once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceKind(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    BENEFIT = "benefit", _("行政给付")
    CONFIRMATION = "confirmation", _("行政确认")
    AWARD = "award", _("行政奖励")
    RULING = "ruling", _("行政裁决")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class GuideStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审核")
    IN_FORCE = "in_force", _("在用")
    RETIRED = "retired", _("已停用")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    BOTH = "both", _("原件和复印件")
    ELECTRONIC = "electronic", _("电子材料")


class LifeEvent(models.TextChoices):
    BIRTH = "birth", _("出生")
    EDUCATION = "education", _("上学")
    EMPLOYMENT = "employment", _("就业")
    MARRIAGE = "marriage", _("婚育")
    HOUSING = "housing", _("住房")
    BUSINESS = "business", _("创业")
    HEALTH = "health", _("就医")
    RETIREMENT = "retirement", _("退休养老")
    ASSISTANCE = "assistance", _("救助")
    DEATH = "death", _("身后事")


class PackageKind(models.TextChoices):
    POPULATION = "population", _("按人群")
    LIFE_EVENT = "life_event", _("按人生事件")


class CoordinateSystem(models.TextChoices):
    """Coordinates are stored in CGCS2000 (as 天地图 uses; within centimetres of WGS-84 for a map). Input copied
    from 高德/腾讯 maps is GCJ-02 and is converted before saving."""

    CGCS2000 = "cgcs2000", _("CGCS2000 / WGS-84（天地图、GPS）")
    GCJ02 = "gcj02", _("GCJ-02（高德、腾讯地图）")


class Accessibility(models.TextChoices):
    RAMP = "ramp", _("无障碍通道")
    TOILET = "toilet", _("无障碍卫生间")
    PARKING = "parking", _("无障碍停车位")
    ELEVATOR = "elevator", _("无障碍电梯")
    SIGN_LANGUAGE = "sign_language", _("手语服务")
    BRAILLE = "braille", _("盲文标识")
    WHEELCHAIR = "wheelchair", _("轮椅借用")
    PRIORITY = "priority", _("老年人优先窗口")
