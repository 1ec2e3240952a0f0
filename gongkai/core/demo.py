"""The demo district is built in steps, one per app, each in `<app>/demo.py` with `build(context)`.

Steps run in STEPS order inside one transaction and must be idempotent (running `gongkai demo` twice changes
nothing). `context` carries what earlier steps made (the district region, organizations, people) by name.
"""

from dataclasses import dataclass, field
from importlib import import_module

STEPS = (
    "orgs",
    "catalog",
    "screening",
    "publishing",
    "applications",
    "villages",
    "services",
    "engagement",
    "reports",
    "cases",
    "opendata",
    "oversight",
    "search",
)


@dataclass
class DemoContext:
    stdout: object
    objects: dict = field(default_factory=dict)
    logins: list = field(default_factory=list)  # (username, password, description)

    def say(self, message: str) -> None:
        self.stdout.write(message)


def steps():
    for app in STEPS:
        try:
            module = import_module(f"gongkai.{app}.demo")
        except ModuleNotFoundError as error:
            if error.name != f"gongkai.{app}.demo":
                raise
            continue
        yield app, module.build
