"""Sections of the public record page for village records: the publicity list with its period and outcome, and the
finance statement's table and chart. Registered with `portal.publishing.record_sections` when these URLs load."""

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.villages.access import is_village
from gongkai.villages.selectors import chart_data, masked_entries, public_publicity, public_statement, publicity_state
from gongkai.villages.services.finance import statement_totals


def publicity_section(request, record) -> str | None:
    if not is_village(record.organization):  # only villages publish these (no query for every other record page)
        return None
    publicity = public_publicity(record.pk)
    if publicity is None:
        return None
    state = publicity_state(publicity, timezone.localdate())
    context = {"publicity": publicity, "entries": masked_entries(publicity), "state": state, "record": record}
    return render_to_string("portal/villages/_publicity_section.html", context, request=request)


def finance_section(request, record) -> str | None:
    if not is_village(record.organization):
        return None
    statement = public_statement(record.pk)
    if statement is None:
        return None
    context = {
        "statement": statement,
        "totals": statement_totals(statement),
        "chart": chart_data(statement),
    }
    return render_to_string("portal/villages/_finance_section.html", context, request=request)


def register() -> None:
    from gongkai.portal.publishing.record_sections import register_record_section

    register_record_section(publicity_section)
    register_record_section(finance_section)
