"""Tests that can fail: every test asserts something, and every query-count test of a page also checks the answer's
status code (a 404 or a redirect costs few queries and would pass a query budget)."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUERY_BUDGETS = ("django_assert_num_queries", "django_assert_max_num_queries")


def all_test_functions():
    for path in sorted(ROOT.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_"):
                yield f"{path.relative_to(ROOT)}::{node.name}", node


def asserts_something(function) -> bool:
    source = ast.unparse(function)
    return any(isinstance(node, ast.Assert) for node in ast.walk(function)) or any(
        marker in source for marker in ("pytest.raises", "pytest.fail", "call_and_validate", *QUERY_BUDGETS)
    )


def requests_under_a_query_budget(function) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.With | ast.AsyncWith) and any(
            getattr(item.context_expr.func, "id", "") in QUERY_BUDGETS
            for item in node.items
            if isinstance(item.context_expr, ast.Call)
        ):
            body = "\n".join(ast.unparse(statement) for statement in node.body)
            if "client.get(" in body or "client.post(" in body:
                return True
    return False


def test_every_test_asserts_something():
    found = list(all_test_functions())
    assert len(found) > 500  # the scan itself works
    assert [name for name, function in found if not asserts_something(function)] == []


def test_query_count_tests_also_check_the_status_code():
    budgeted = [(name, function) for name, function in all_test_functions() if requests_under_a_query_budget(function)]
    assert len(budgeted) > 10
    assert [name for name, function in budgeted if "status_code" not in ast.unparse(function)] == []
