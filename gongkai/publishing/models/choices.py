"""Choices of the publishing app: workflow status, genre, validity, disclosure attribute, subject category."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# 公开属性 and 五公开 are the catalog's vocabularies: one concept, one name. Only actively disclosed records reach
# the portal; withheld ones are registered with their legal ground.
from gongkai.catalog.models import Attribute, Stage, WithheldGround  # noqa: F401


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    REVIEWED = "reviewed", _("待保密审查")
    CLEARED = "cleared", _("待发布")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")
    TAKEN_OFFLINE = "taken_offline", _("已过期下线")


# One name per group of states, used wherever a rule needs them:
# open = still in the workflow (its disclosure deadline runs, its light shows);
OPEN_STATUSES = (
    RecordStatus.DRAFT,
    RecordStatus.SUBMITTED,
    RecordStatus.REVIEWED,
    RecordStatus.CLEARED,
    RecordStatus.SCHEDULED,
)
# gone = was public and was taken down (withdrawn, or taken offline when its display period ended);
GONE_STATUSES = (RecordStatus.WITHDRAWN, RecordStatus.TAKEN_OFFLINE)
# ever published = has an index number and a publication date (a check constraint holds it).
EVER_PUBLISHED_STATUSES = (RecordStatus.PUBLISHED, *GONE_STATUSES)


class InterpretationKind(models.TextChoices):
    """解读形式 of a 政策解读: text, a graphic (图解, with a text long description) or a video (with a transcript)."""

    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图解")
    VIDEO = "video", _("视频解读")


class Genre(models.TextChoices):
    """体裁分类. The first rows are the ones the annual report (国办公开办函〔2021〕30号) counts."""

    REGULATION = "regulation", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    FEE = "fee", _("行政事业性收费")
    POLICY = "policy", _("政策文件")
    INTERPRETATION = "interpretation", _("政策解读")
    NOTICE = "notice", _("通知公告")
    PLAN = "plan", _("规划计划")
    STATISTICS = "statistics", _("统计信息")
    BUDGET = "budget", _("财政预决算")
    PROCUREMENT = "procurement", _("政府采购")
    PROJECT = "project", _("重大建设项目")
    EMERGENCY = "emergency", _("应急管理")
    RECRUITMENT = "recruitment", _("公务员招考")
    ORGANIZATION = "organization", _("机构职能")
    GUIDE = "guide", _("政府信息公开指南")
    RULES = "rules", _("政府信息公开制度")
    ANNUAL_REPORT = "annual_report", _("政府信息公开年报")
    OTHER = "other", _("其他")


# Policy documents that should be accompanied by an interpretation (政策解读), unless a person decides otherwise.
GENRES_NEEDING_INTERPRETATION = frozenset({Genre.REGULATION, Genre.NORMATIVE, Genre.POLICY, Genre.PLAN})
# Genres whose records carry a number of administrative decisions (annual report table 二).
GENRES_WITH_DECISIONS = frozenset({Genre.LICENSING, Genre.PENALTY, Genre.COERCION})


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("有效")
    LAPSED = "lapsed", _("失效")
    REPEALED = "repealed", _("废止")


class SubjectCategory(models.TextChoices):
    """主题分类, following the categories of the State Council's 政府信息公开目录."""

    ORGANIZATION = "organization", _("机构组织")
    GENERAL = "general", _("综合政务")
    ECONOMY = "economy", _("国民经济管理、国有资产监管")
    FINANCE = "finance", _("财政、金融、审计")
    LAND = "land", _("国土资源、能源")
    AGRICULTURE = "agriculture", _("农业、林业、水利")
    INDUSTRY = "industry", _("工业、交通")
    COMMERCE = "commerce", _("商贸、海关、旅游")
    MARKET = "market", _("市场监管、安全生产监管")
    CONSTRUCTION = "construction", _("城乡建设、环境保护")
    EDUCATION = "education", _("科技、教育")
    CULTURE = "culture", _("文化、广电、新闻出版")
    HEALTH = "health", _("卫生、体育")
    POPULATION = "population", _("人口与计划生育、妇女儿童工作")
    LABOUR = "labour", _("劳动、人事、监察")
    JUSTICE = "justice", _("公安、安全、司法")
    CIVIL_AFFAIRS = "civil_affairs", _("民政、扶贫、救灾")
    ETHNIC = "ethnic", _("民族、宗教")
    OTHER = "other", _("其他")


class Light(models.TextChoices):
    """红黄绿灯: how close a record is to its disclosure deadline."""

    GREEN = "green", _("正常")
    YELLOW = "yellow", _("临期")
    RED = "red", _("逾期")


class ColumnKind(models.TextChoices):
    PLATFORM = "platform", _("政府信息公开平台栏目")
    STATUTORY = "statutory", _("法定主动公开内容子栏目")
    STAGE = "stage", _("五公开视图")
    DOMAIN = "domain", _("试点领域视图")
    CUSTOM = "custom", _("自定义栏目")


class RevisionKind(models.TextChoices):
    CREATED = "created", _("创建")
    EDITED = "edited", _("修改")
    PUBLISHED = "published", _("首次发布")
    CORRECTED = "corrected", _("更正")
    METADATA = "metadata", _("元数据变更")
