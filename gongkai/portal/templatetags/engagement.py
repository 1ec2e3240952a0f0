"""Template tags that put engagement on other modules' pages: the 有用/没用/share block and a policy's call."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.engagement.models import QuestionKind
from gongkai.engagement.selectors import calls_for_policy

register = template.Library()


@register.inclusion_tag("portal/engagement/_feedback.html", takes_context=True)
def feedback(context, kind: str, object_id: int):
    """The same markup for every visitor, so the page stays cacheable."""
    return {"kind": kind, "object_id": object_id, "path": context["request"].path if "request" in context else ""}


@register.inclusion_tag("portal/engagement/_policy_calls.html")
def policy_calls(record):
    return {"calls": calls_for_policy(record).only("id", "title")}


@register.simple_tag
def question_input(question, values):
    """The inputs of one survey question (radio, checkbox, 1–5 radio scale or textarea), keeping what was entered."""
    name = f"q{question.pk}"
    given = values.get(question.pk, "") if values else ""
    if question.kind == QuestionKind.TEXT:
        return format_html(
            '<textarea name="{}" rows="3" maxlength="2000" aria-label="{}">{}</textarea>', name, question.text, given
        )
    if question.kind == QuestionKind.RATING:
        choices = [(str(score), _("%(score)s分") % {"score": score}) for score in range(5, 0, -1)]
        kind = "radio"
    else:
        choices = [(str(option.pk), option.label) for option in question.options.all()]
        kind = "checkbox" if question.kind == QuestionKind.MULTIPLE else "radio"
    chosen = set(given) if isinstance(given, list) else {str(given)}
    return format_html_join(
        "",
        '<label class="choice"><input type="{}" name="{}" value="{}"{}> {}</label> ',
        ((kind, name, value, mark_safe(" checked") if value in chosen else "", label) for value, label in choices),  # noqa: S308 - a constant
    )
