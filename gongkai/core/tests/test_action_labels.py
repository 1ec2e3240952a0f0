"""Every audit action the code can log has a readable label (the back office shows labels, never codes).

The action codes are read from the source: the first argument of `audit.log(...)` and of the apps' `log(...)`
wrappers (whose f-string prefix, e.g. "publishing.record.", completes a short code), both branches of a conditional
code, codes assigned to a variable named `action`, passed as `action=` or given as the default of an `action`
parameter. Codes built at run time from a value are
listed in DYNAMIC with every value they can take; a new f-string code makes this test fail until it is listed.
"""

import ast
from pathlib import Path

from gongkai.catalog.models import ChangeSetStatus
from gongkai.core.audit import ACTION_LABELS

ROOT = Path(__file__).resolve().parents[2]
DYNAMIC = {
    # catalog.services.changes.close_without_applying: a change set rejected or withdrawn without being applied
    "catalog.change_set.{status}": [ChangeSetStatus.REJECTED, ChangeSetStatus.WITHDRAWN],
    # oversight.services.notices.decide: the office accepts or returns a problem's answer
    "oversight.problem.{verb}": ["accepted", "returned"],
}


def source_modules():
    for path in sorted(ROOT.rglob("*.py")):
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts):
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def is_log_call(node) -> bool:
    func = node.func
    return (isinstance(func, ast.Name) and func.id == "log") or (
        isinstance(func, ast.Attribute) and func.attr == "log" and isinstance(func.value, ast.Name)
    )


def is_query(node) -> bool:
    """`Step.objects.create(action="handled")`: a model field named action (a timeline step), not an audit code."""
    return isinstance(node.func, ast.Attribute) and node.func.attr in {"create", "filter", "exclude", "get", "update"}


def constants(node) -> list[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return constants(node.body) + constants(node.orelse)
    return []


def action_defaults(arguments: ast.arguments) -> list[str]:
    """The default of a parameter named `action` (`publish_now(..., action="published")`)."""
    positional = arguments.posonlyargs + arguments.args
    pairs = list(zip(positional[len(positional) - len(arguments.defaults) :], arguments.defaults, strict=True))
    pairs += [
        (arg, default) for arg, default in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True) if default
    ]
    return [code for arg, default in pairs if arg.arg == "action" for code in constants(default)]


def wrapper_prefix(tree) -> str:
    """The prefix of a module's own `def log(action, ...)` that calls audit.log(f"<prefix>{action}")."""
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "log":
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.JoinedStr):
                    first = call.args[0].values[0]
                    return first.value if isinstance(first, ast.Constant) else ""
    return ""


def prefixes_by_module() -> dict[Path, str]:
    """Each module's `log` wrapper prefix: its own, or the one of the sibling module it imports `log` from."""
    trees = dict(source_modules())
    own = {path: wrapper_prefix(tree) for path, tree in trees.items()}
    prefixes = {}
    for path, tree in trees.items():
        prefix = own[path]
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and any(a.name == "log" for a in node.names):
                prefix = own.get(path.parent / f"{node.module}.py", prefix)
        prefixes[path] = prefix
    return prefixes


def logged_actions() -> tuple[set[str], set[str]]:
    """(codes, f-string templates) found in the source."""
    prefixes = prefixes_by_module()
    codes, templates = set(), set()
    for path, tree in source_modules():
        prefix = prefixes[path]
        found = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and is_log_call(node) and node.args:
                argument = node.args[0]
                if isinstance(argument, ast.JoinedStr) and path.name != "audit.py" and not prefix:
                    templates.add(ast.unparse(argument)[2:-1])
                found += constants(argument)
            if isinstance(node, ast.Call) and not is_query(node):
                found += [c for k in node.keywords if k.arg == "action" for c in constants(k.value)]
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "action" for t in node.targets):
                found += constants(node.value)
            if isinstance(node, ast.FunctionDef):
                found += action_defaults(node.args)
        for code in found:
            if prefix and not code.startswith(prefix.split(".")[0] + "."):
                codes.add(prefix + code)  # the module's wrapper adds its prefix ("call.approved" → "engagement.…")
            elif "." in code:
                codes.add(code)
    return codes, templates


def test_every_logged_action_has_a_label():
    codes, templates = logged_actions()
    assert templates == set(DYNAMIC), "list the values of every f-string action code in DYNAMIC"
    for template, values in DYNAMIC.items():
        codes |= {template.format(status=value, verb=value) for value in values}
    assert len(codes) > 90  # the scan itself works: every app's actions were found
    missing = sorted(code for code in codes if code not in ACTION_LABELS)
    assert missing == [], f"register labels (in <app>/labels.py) for: {missing}"


def test_the_label_modules_have_one_name():
    named_otherwise = sorted(str(path.relative_to(ROOT)) for path in ROOT.rglob("audit_labels.py"))
    assert named_otherwise == []
