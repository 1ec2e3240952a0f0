"""Template tags that put engagement on other modules' pages: the 有用/没用/share block and a policy's call."""

from django import template

from gongkai.engagement.selectors import calls_for_policy

register = template.Library()


@register.inclusion_tag("portal/engagement/_feedback.html", takes_context=True)
def feedback(context, kind: str, object_id: int):
    """The same markup for every visitor, so the page stays cacheable."""
    return {"kind": kind, "object_id": object_id, "path": context["request"].path if "request" in context else ""}


@register.inclusion_tag("portal/engagement/_policy_calls.html")
def policy_calls(record):
    return {"calls": calls_for_policy(record).only("id", "title")}
