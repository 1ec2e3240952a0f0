"""三同步: the genres whose policy records must be published with an interpretation (政策解读)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import Genre


class InterpretationGenre(models.Model):
    """A genre the disclosure office marks as needing an interpretation in its region (and every region below).
    行政规范性文件 always needs one and is not listed here."""

    region = models.ForeignKey(
        "orgs.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="interpretation_genres"
    )
    genre = models.CharField(_("体裁分类"), max_length=20, choices=Genre.choices)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("标记人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("留空表示由服务器运维人员在命令行设置。"),
    )
    marked_at = models.DateTimeField(_("标记时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("须配套解读的体裁")
        verbose_name_plural = _("须配套解读的体裁")
        constraints = [models.UniqueConstraint(fields=["region", "genre"], name="interpretation_genre_unique")]

    def __str__(self) -> str:
        return f"{self.region} · {self.get_genre_display()}"
