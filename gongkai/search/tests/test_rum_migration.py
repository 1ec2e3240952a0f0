"""Migration 0003 needs the RUM extension on PostgreSQL and says how to install it when the server lacks it."""

import importlib

import pytest

rum_migration = importlib.import_module("gongkai.search.migrations.0003_postgres_rum")


class Cursor:
    def __init__(self, answers):
        self.answers = list(answers)
        self.executed: list[str] = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def execute(self, sql, params=None):
        self.executed.append(sql)

    def fetchone(self):
        return self.answers.pop(0)


class Connection:
    def __init__(self, answers, vendor):
        self.vendor = vendor
        self.answers = answers

    def cursor(self):
        return Cursor(self.answers)


class Editor:
    """Stands in for Django's schema editor: the queries' answers are given, the statements run are recorded."""

    def __init__(self, answers, vendor="postgresql"):
        self.connection = Connection(answers, vendor)
        self.statements: list[str] = []

    def execute(self, sql):
        self.statements.append(sql)


def test_missing_extension_stops_with_the_package_to_install():
    editor = Editor([None, ("150020",)])
    with pytest.raises(RuntimeError, match="postgresql-15-rum"):
        rum_migration.forward(None, editor)
    assert editor.statements == []


def test_available_extension_creates_it_and_the_rum_index():
    editor = Editor([(1,)])
    rum_migration.forward(None, editor)
    assert editor.statements[0] == "CREATE EXTENSION IF NOT EXISTS rum"
    assert "USING rum (vector rum_tsvector_ops)" in editor.statements[-1]


def test_other_databases_are_left_alone():
    editor = Editor([], vendor="sqlite")
    rum_migration.forward(None, editor)
    assert editor.statements == []
