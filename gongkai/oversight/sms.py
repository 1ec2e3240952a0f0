"""Sending text messages through a pluggable gateway; `GONGKAI_SMS_BACKEND` names the backend class.

- `LoggingBackend` (development): writes each message to the log, sends nothing;
- `MemoryBackend` (tests): keeps messages in `outbox`, sends nothing;
- `HttpBackend`: POSTs JSON to a provincial SMS platform configured by `GONGKAI_SMS_HTTP` (url, account, token,
  sign, timeout): {"account", "sign", "mobile", "content"} with `Authorization: Bearer <token>`; any answer other
  than 2xx with {"code": 0} (or no JSON code at all) is a failure.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .errors import OversightError, OversightErrorCode

logger = logging.getLogger("gongkai.oversight.sms")
outbox: list[tuple[str, str]] = []


class SmsBackend:
    def send(self, mobile: str, text: str) -> None:
        raise NotImplementedError


class LoggingBackend(SmsBackend):
    def send(self, mobile: str, text: str) -> None:
        logger.info("SMS to %s: %s", mobile, text)


class MemoryBackend(SmsBackend):
    def send(self, mobile: str, text: str) -> None:
        outbox.append((mobile, text))


class HttpBackend(SmsBackend):
    def __init__(self, config: dict | None = None):
        self.config = config or settings.GONGKAI_SMS_HTTP

    def send(self, mobile: str, text: str) -> None:
        url = self.config.get("url", "")
        if not url.startswith(("http://", "https://")):
            raise OversightError(OversightErrorCode.SMS_FAILED, _("短信平台地址未配置，请设置 GONGKAI_SMS_HTTP_URL。"))
        payload = {"account": self.config.get("account", ""), "sign": self.config.get("sign", ""), "mobile": mobile}
        payload["content"] = text
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
            url,
            data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "Authorization": f"Bearer {self.config.get('token', '')}",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.config.get("timeout", 10)) as response:  # noqa: S310
                body = response.read()
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise OversightError(
                OversightErrorCode.SMS_FAILED, _("短信平台无法发送：%(error)s") % {"error": error}
            ) from error
        self.check_answer(body)

    def check_answer(self, body: bytes) -> None:
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            return
        if isinstance(answer, dict) and answer.get("code", 0) not in (0, "0"):
            raise OversightError(
                OversightErrorCode.SMS_FAILED,
                _("短信平台拒绝发送：%(message)s") % {"message": answer.get("message", answer.get("code"))},
            )


def get_backend() -> SmsBackend:
    return import_string(settings.GONGKAI_SMS_BACKEND)()
