"""The registry of assessment rules a scheme's indicators pick from.

Rules come from two places: the oversight app's own (`rules.builtin`, for publishing, catalog, applications,
screening and oversight data; `rules.engagement`, for inquiries, readings and ratings) and every installed Gongkai
app's `assessment.py` listing `RULES` built on `gongkai.core.assessment.Rule` — so another app can offer rules
without oversight knowing it.
"""

from importlib import import_module

from django.apps import apps

from gongkai.core.assessment import Rule

_RULES: dict[str, Rule] = {}


def register_rule(rule: Rule) -> Rule:
    if not rule.code:
        raise ValueError("An assessment rule needs a code.")
    _RULES[rule.code] = rule
    return rule


def get_rule(code: str) -> Rule | None:
    return _RULES.get(code)


def all_rules() -> list[Rule]:
    return sorted(_RULES.values(), key=lambda rule: rule.code)


def discover() -> None:
    """Register the built-in rules and each installed app's `assessment.RULES` (called from AppConfig.ready)."""
    from . import builtin, engagement

    for rule in [*builtin.RULES, *engagement.RULES]:
        register_rule(rule)
    for config in apps.get_app_configs():
        if not config.name.startswith("gongkai.") or config.label == "oversight":
            continue
        try:
            module = import_module(f"{config.name}.assessment")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.assessment":
                raise
            continue
        for rule in getattr(module, "RULES", []):
            register_rule(rule)
