"""Search models: the office's policy terms and synonyms, query statistics, and the PostgreSQL backend's table."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    """A policy term kept whole by the segmenter (老旧小区改造), with words that mean the same (低保)."""

    word = models.CharField(_("词语"), max_length=30, unique=True, help_text=_("2至30个字，须含汉字，不含空格。"))
    synonyms = models.JSONField(_("同义词"), default=list, blank=True, help_text=_("检索任一词语时也查找其同义词。"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("检索词条")
        verbose_name_plural = _("检索词条")
        ordering = ["word"]

    def __str__(self):
        return self.word


class QueryDay(models.Model):
    """How often one normalized query was searched on the portal on one day, and how often it found nothing.

    Counted per day rather than per search: the statistics the office needs, without keeping who searched.
    """

    query = models.CharField(_("检索词"), max_length=200)
    day = models.DateField(_("日期"))
    searches = models.PositiveIntegerField(_("检索次数"), default=0)
    zero_results = models.PositiveIntegerField(_("无结果次数"), default=0)

    class Meta:
        verbose_name = _("检索统计")
        verbose_name_plural = _("检索统计")
        ordering = ["-day", "-searches"]
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="search_queryday_unique")]
        indexes = [models.Index(fields=["day", "query"], name="search_queryday_day")]

    def __str__(self):
        return f"{self.day} {self.query}"


class IndexState(models.Model):
    """What a database-held index was built with: the dictionary (queries must use the same one) and when."""

    backend = models.CharField(_("检索引擎"), max_length=20, unique=True)
    dictionary_words = models.JSONField(_("用户词典"), default=list)
    dictionary_version = models.CharField(_("词典版本"), max_length=20)
    built_at = models.DateTimeField(_("重建时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("索引状态")
        verbose_name_plural = _("索引状态")

    def __str__(self):
        return f"{self.backend} {self.dictionary_version}"


class IndexedDocument(models.Model):
    """One document of the PostgreSQL backend. On PostgreSQL a migration adds the weighted tsvector column
    `vector` (title A, body D over the segmented text, 'simple' configuration) and its GIN index."""

    key = models.CharField(_("键"), max_length=80, unique=True)
    kind = models.CharField(_("类型"), max_length=30)
    object_id = models.BigIntegerField(_("对象编号"))
    title = models.TextField(_("标题"))
    body = models.TextField(_("正文"))
    title_tokens = models.TextField(_("标题分词"))
    body_tokens = models.TextField(_("正文分词"))
    url = models.CharField(_("网址"), max_length=300)
    date = models.DateTimeField(_("日期"))
    fields = models.JSONField(_("显示字段"), default=dict)
    facets = models.JSONField(_("筛选项"), default=dict)
    lookup_keys = models.JSONField(_("文号和索引号"), default=list)

    class Meta:
        verbose_name = _("索引文档")
        verbose_name_plural = _("索引文档")
        indexes = [models.Index(fields=["-date", "-object_id"], name="search_document_date")]

    def __str__(self):
        return self.key
