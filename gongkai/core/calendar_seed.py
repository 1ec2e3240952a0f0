"""Seed holiday schedules from the chinese-calendar package (it knows 2004–2026; the database is the truth)."""

from datetime import date

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def package_schedule() -> dict[int, dict[str, list[tuple[date, str]]]]:
    """{year: {"holidays": [(date, name)], "workdays": [(date, name)]}} from chinese-calendar's tables."""
    from chinese_calendar import constants

    years: dict[int, dict[str, list[tuple[date, str]]]] = {}
    for kind, table in (("holidays", constants.holidays), ("workdays", constants.workdays)):
        for day, name in table.items():
            entry = years.setdefault(day.year, {"holidays": [], "workdays": []})
            entry[kind].append((day, HOLIDAY_NAMES.get(str(name), str(name))))
    for entry in years.values():
        entry["holidays"].sort()
        entry["workdays"].sort()
    return years


def seed_from_package(schedule_year_model, override_model) -> int:
    """Load every year the package knows that the database does not have yet. Returns the number of years added."""
    added = 0
    known = set(schedule_year_model.objects.values_list("year", flat=True))
    for year, entry in sorted(package_schedule().items()):
        if year in known:
            continue
        schedule_year_model.objects.create(year=year, source="package", notice="chinese-calendar")
        override_model.objects.bulk_create(
            [override_model(on=day, kind="holiday", name=name) for day, name in entry["holidays"]]
            + [override_model(on=day, kind="workday", name=name) for day, name in entry["workdays"]]
        )
        added += 1
    return added
