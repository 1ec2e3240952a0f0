"""Assessment rules: the registry and the rules the oversight app ships for the apps below it."""

from .registry import all_rules, discover, get_rule, register_rule

__all__ = ["all_rules", "discover", "get_rule", "register_rule"]
