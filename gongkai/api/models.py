"""Models of the API: tokens with which business systems call it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    """What a token may do. A token holds a list of these; every token endpoint names the one it needs."""

    CATALOG_READ = "catalog:read", _("读取本机构的栏目和公开事项")
    RECORDS_WRITE = "records:write", _("推送政府信息草稿")
    RECORDS_SUBMIT = "records:submit", _("推送后直接提交审核")
    CASES_WRITE = "cases:write", _("推送办件进度")


class ApiToken(models.Model):
    """A business system's key to the API (接口令牌). Only a hash of the secret is stored; the secret is shown once.

    The token acts through its own system account (`account`, no password, a clerk of `organization`), so every
    service it calls checks roles exactly as for a person, and the audit log names the token."""

    name = models.CharField(_("名称"), max_length=100, help_text=_("调用系统的名称，例如“区政务服务网办件系统”。"))
    organization = models.ForeignKey(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    scopes = models.JSONField(_("权限范围"), default=list)
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("系统账号"), on_delete=models.PROTECT, related_name="api_token"
    )
    key_prefix = models.CharField(_("令牌前缀"), max_length=16, help_text=_("令牌开头几位，用于辨认，不能用于调用。"))
    key_hash = models.CharField(_("令牌摘要"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("到期时间"), null=True, blank=True)
    rate_per_minute = models.PositiveIntegerField(_("每分钟调用上限"), default=120)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("创建人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    rotated_at = models.DateTimeField(_("最近轮换时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近调用时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("吊销人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")
        ordering = ["organization_id", "name", "id"]

    def __str__(self):
        return self.name

    def is_usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes

    def scope_labels(self) -> list[str]:
        labels = dict(TokenScope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]


class InboundPush(models.Model):
    """One push from a business system, keyed by its idempotency key: a retry finds this row and gets the same
    answer instead of a second record. The unique constraint, not a prior read, is what makes concurrent retries
    safe: the second insert waits for the first transaction and then fails, and reads the first one's result."""

    token = models.ForeignKey(ApiToken, verbose_name=_("接口令牌"), on_delete=models.PROTECT, related_name="pushes")
    kind = models.CharField(_("类型"), max_length=20)
    idempotency_key = models.CharField(_("幂等键"), max_length=100)
    payload_hash = models.CharField(_("请求摘要"), max_length=64)
    object_id = models.PositiveBigIntegerField(_("对象编号"), null=True, blank=True)
    created_at = models.DateTimeField(_("推送时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        constraints = [
            models.UniqueConstraint(fields=["token", "kind", "idempotency_key"], name="api_inbound_push_unique_key")
        ]

    def __str__(self):
        return f"{self.token} · {self.idempotency_key}"
