"""Extension point of the public record page: other modules add sections without publishing importing them.

A portal module registers `section(request, record) -> str | None` (rendered HTML, a `<section>` with its own
heading, or None) with `register_record_section`; sections are shown after the record's body in registration order.
"""

from collections.abc import Callable

RecordSection = Callable[..., str | None]
RECORD_SECTIONS: list[RecordSection] = []


def register_record_section(section: RecordSection) -> None:
    if section not in RECORD_SECTIONS:
        RECORD_SECTIONS.append(section)


def record_sections(request, record) -> list[str]:
    return [html for section in RECORD_SECTIONS if (html := section(request, record))]
