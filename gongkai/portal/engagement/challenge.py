"""The public forms' human check: the image captcha of the applications pages, or a question in plain text.

The text question is the alternative for people who cannot see the image (screen-reader users): it is read aloud
like any other label. Either answer is usable once; a wrong answer uses the challenge up.
"""

import secrets

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.portal.applications import captcha

TEXT_KEY = "engagement_text_challenge"
CHINESE_DIGITS = "零一二三四五六七八九"
CHINESE_NUMBERS = {
    **{str(n): CHINESE_DIGITS[n] for n in range(10)},
    **{str(10 + n): "十" + CHINESE_DIGITS[n] for n in range(1, 9)},
}
CHINESE_NUMBERS["10"] = "十"
WORDS = ("政务公开", "公开透明", "便民服务", "人民政府", "依法行政")
POSITIONS = (gettext_lazy("第一个"), gettext_lazy("第二个"), gettext_lazy("第三个"), gettext_lazy("第四个"))


def _sum_question() -> tuple[str, set[str]]:
    first, second = secrets.randbelow(8) + 2, secrets.randbelow(8) + 2
    question = _("%(first)s加%(second)s等于几？请填写数字。") % {
        "first": CHINESE_DIGITS[first],
        "second": CHINESE_DIGITS[second],
    }
    total = str(first + second)
    return question, {total, CHINESE_NUMBERS[total]}


def _character_question() -> tuple[str, set[str]]:
    word, index = secrets.choice(WORDS), secrets.randbelow(4)
    question = _("“%(word)s”这个词的%(position)s字是什么？") % {"word": word, "position": POSITIONS[index]}
    return question, {word[index]}


def new_text_question(session) -> str:
    question, answers = secrets.choice((_sum_question, _character_question))()
    session[TEXT_KEY] = {"question": question, "answers": sorted(answers)}
    return question


def new_challenges(session) -> str:
    """A fresh image sum and a fresh text question; returns the question to show."""
    captcha.new_challenge(session)
    return new_text_question(session)


def passed(session, *, image_answer: str, text_answer: str) -> bool:
    """True when either the image sum or the text question is answered right; both challenges are used up."""
    text = session.pop(TEXT_KEY, None)
    image_ok = captcha.check(session, image_answer or "")
    text_ok = bool(text) and bool(text_answer) and text_answer.strip() in text["answers"]
    return bool(image_ok or text_ok)
