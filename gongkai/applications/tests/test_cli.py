"""The command-line contract of `gongkai applications clock` (stdin JSON → stdout JSON; exit 2 on impossible input)."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run_clock(monkeypatch, payload: str) -> dict:
    monkeypatch.setattr(sys, "stdin", io.StringIO(payload))
    out = io.StringIO()
    call_command("applications", "clock", stdout=out)
    return json.loads(out.getvalue())


def test_clock_prints_due_date_notice_date_steps_and_warnings(monkeypatch):
    output = run_clock(monkeypatch, json.dumps({"received": "2026-09-18", "events": []}))
    assert set(output) == {"due", "correction_notice_due", "steps", "warnings"}
    assert output["due"] == "2026-10-22"
    assert output["correction_notice_due"] == "2026-09-29"
    assert output["warnings"] == []
    assert output["steps"][0]["event"] == "received"


def test_clock_with_every_kind_of_event(monkeypatch):
    payload = {
        "received": "2026-09-18",
        "events": [
            {"type": "correction_requested", "date": "2026-09-21"},
            {"type": "correction_received", "date": "2026-09-30"},
            {"type": "consultation_started", "date": "2026-10-12"},
            {"type": "consultation_ended", "date": "2026-10-16"},
            {"type": "extended", "date": "2026-10-20", "days": 5},
        ],
    }
    output = run_clock(monkeypatch, json.dumps(payload))
    # After the correction (9-30) 10-08, 10-09, 10-10, 10-12 are used (4); 16 + 5 remain after 10-16.
    assert output["due"] == "2026-11-16"
    assert [step["event"] for step in output["steps"]][-1] == "extended"


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        json.dumps({"received": "2026-09-31"}),
        json.dumps(
            {
                "received": "2026-09-18",
                "events": [
                    {"type": "consultation_started", "date": "2026-09-25"},
                    {"type": "consultation_ended", "date": "2026-09-22"},
                ],
            }
        ),
        json.dumps({"received": "2026-09-18", "events": [{"type": "extended", "date": "2026-10-01", "days": 25}]}),
    ],
)
def test_impossible_input_exits_with_status_2(monkeypatch, payload):
    monkeypatch.setattr(sys, "stdin", io.StringIO(payload))
    with pytest.raises(CommandError) as raised:
        call_command("applications", "clock", stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert str(raised.value)


def test_real_process_reports_on_stderr_and_exits_2(tmp_path):
    environment = {**os.environ, "GONGKAI_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "gongkai.settings"}
    completed = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "gongkai", "applications", "clock"],
        input="{broken",
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert "JSON" in completed.stderr
    assert completed.stdout == ""
