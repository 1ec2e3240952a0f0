"""Messages to staff: the SMS gateway and each person's choice of channels, shared by every domain app.

The gateway lived in `oversight`; the villages' reminders need it too and sit below oversight, so it moved here.
`GONGKAI_SMS_BACKEND` names the backend class:
- `LoggingBackend` (development): writes each message to the log, sends nothing;
- `MemoryBackend` (tests): keeps messages in `outbox`, sends nothing;
- `HttpBackend`: POSTs JSON to a provincial SMS platform configured by `GONGKAI_SMS_HTTP` (url, account, token,
  sign, timeout): {"account", "sign", "mobile", "content"} with `Authorization: Bearer <token>`; any answer other
  than 2xx with {"code": 0} (or no JSON code at all) is a failure.
The old paths `gongkai.oversight.sms.<Backend>` are still understood.

Channels: a person's e-mail and SMS switches are kept with their reminder settings in oversight (page 提醒设置);
oversight registers them here at start-up (`register_channel_source`), so that apps below it read them through
`channels_for` without importing oversight. Without a setting a person gets e-mail and no SMS.
"""

import json
import logging
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from .errors import CoreErrorCode, DomainError

logger = logging.getLogger("gongkai.messaging")
outbox: list[tuple[str, str]] = []
LEGACY_PREFIX = "gongkai.oversight.sms."


class SmsError(DomainError):
    """The gateway could not send; nothing was sent."""

    def __init__(self, message: str):
        super().__init__(CoreErrorCode.SMS_FAILED, message)


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
    def __init__(self, config: dict[str, Any] | None = None):
        self.config: dict[str, Any] = config or settings.GONGKAI_SMS_HTTP

    def send(self, mobile: str, text: str) -> None:
        url = self.config.get("url", "")
        if not url.startswith(("http://", "https://")):
            raise SmsError(_("短信平台地址未配置，请设置 GONGKAI_SMS_HTTP_URL。"))
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
            raise SmsError(_("短信平台无法发送：%(error)s") % {"error": error}) from error
        self.check_answer(body)

    def check_answer(self, body: bytes) -> None:
        try:
            answer = json.loads(body or b"{}")
        except ValueError:
            return
        if isinstance(answer, dict) and answer.get("code", 0) not in (0, "0"):
            raise SmsError(_("短信平台拒绝发送：%(message)s") % {"message": answer.get("message", answer.get("code"))})


def get_backend() -> SmsBackend:
    path = settings.GONGKAI_SMS_BACKEND
    if path.startswith(LEGACY_PREFIX):
        path = __name__ + "." + path.removeprefix(LEGACY_PREFIX)
    return import_string(path)()


def send_sms(mobile: str, text: str) -> None:
    """Send one text message through the configured gateway; raises `SmsError` when it fails."""
    get_backend().send(mobile, text)


# Channels ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Channels:
    email: bool = True
    sms: bool = False


DEFAULT_CHANNELS = Channels()
ChannelSource = Callable[[list[int]], dict[int, Channels]]
_channel_sources: list[ChannelSource] = []


def register_channel_source(source: ChannelSource) -> None:
    """An app that keeps people's channel settings reports them: person ids in, {person id: Channels} out."""
    if source not in _channel_sources:
        _channel_sources.append(source)


def channels_for(person_ids: Iterable[int]) -> dict[int, Channels]:
    """Each person's channels (the default for anyone without a setting)."""
    ids = list(person_ids)
    found: dict[int, Channels] = {}
    for source in _channel_sources:
        found.update(source(ids))
    return {person_id: found.get(person_id, DEFAULT_CHANNELS) for person_id in ids}
