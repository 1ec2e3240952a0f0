"""Flowcharts generated from a guide's steps (who, what, time limit): an accessible SVG and its text equivalent.

One function draws both the single guide and a 一件事 across organizations (steps then carry `organization`, drawn
as a label and a colour per organization), so the page, the printed guide and the API show the same chart:
"线上线下标准同源". The SVG is plain markup (no script, no external references), safe to inline in HTML and PDF.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

WIDTH = 640
BOX_X, BOX_WIDTH = 40, 560
FONT = 14
LINE = 20
GAP = 34
CHARS_PER_LINE = 34  # full-width characters that fit in the box beside the time-limit badge
PALETTE = ("#e8f1fb", "#fdf1e3", "#e9f6ec", "#f3ebf8", "#fbe9ec", "#eef3e2")


@dataclass(frozen=True)
class FlowStep:
    number: int
    name: str
    actor: str
    action: str
    days: int
    organization: str = ""

    @property
    def limit_label(self) -> str:
        if self.days == 0:
            return _("即时办结")
        return ngettext("%(days)s个工作日", "%(days)s个工作日", self.days) % {"days": self.days}

    @property
    def sentence(self) -> str:
        """The step as one sentence: the text equivalent of its box."""
        values = {"number": self.number, "name": self.name, "actor": self.actor, "action": self.action,
                  "limit": self.limit_label}  # fmt: skip
        if self.organization:
            values["organization"] = self.organization
            return _("第%(number)s步 %(name)s（%(organization)s·%(actor)s）：%(action)s；时限：%(limit)s。") % values
        return _("第%(number)s步 %(name)s（%(actor)s）：%(action)s；时限：%(limit)s。") % values


def flow_steps(steps: list[dict]) -> list[FlowStep]:
    return [
        FlowStep(
            number=index,
            name=step.get("name", ""),
            actor=step.get("actor", ""),
            action=step.get("action", ""),
            days=int(step.get("days") or 0),
            organization=step.get("organization", ""),
        )
        for index, step in enumerate(steps, start=1)
    ]


def text_width(text: str) -> float:
    """Width in full-width characters: ASCII letters and digits take half a character."""
    return sum(0.5 if ord(char) < 128 else 1 for char in text)


def wrap(text: str, width: float = CHARS_PER_LINE) -> list[str]:
    lines, current, used = [], "", 0.0
    for char in text:
        size = 0.5 if ord(char) < 128 else 1
        if used + size > width and current:
            lines.append(current)
            current, used = "", 0.0
        current += char
        used += size
    if current:
        lines.append(current)
    return lines or [""]


def box_lines(step: FlowStep) -> list[tuple[str, str]]:
    """(css class, text) of every line in a step's box."""
    heading = f"{step.number}. {step.name}"
    if step.organization:
        heading = f"{heading}【{step.organization}】"
    lines = [("heading", line) for line in wrap(heading)]
    lines += [("actor", line) for line in wrap(_("办理：%(actor)s") % {"actor": step.actor})]
    lines += [("action", line) for line in wrap(step.action)]
    return lines


def total_days(steps: list[FlowStep]) -> int:
    return sum(step.days for step in steps)


def summary(steps: list[FlowStep], *, promised_days: int | None = None) -> str:
    days = promised_days if promised_days is not None else total_days(steps)
    organizations = list(dict.fromkeys(step.organization for step in steps if step.organization))
    text = _("共%(count)s个环节，合计不超过%(days)s个工作日。") % {"count": len(steps), "days": days}
    if organizations:
        text += _("涉及%(organizations)s。") % {"organizations": "、".join(organizations)}
    return text


def terminal(y: int, label: str) -> str:
    return (
        f'<rect x="{WIDTH // 2 - 110}" y="{y}" width="220" height="36" rx="18" class="terminal"/>'
        f'<text x="{WIDTH // 2}" y="{y + 23}" text-anchor="middle" class="heading">{escape(label)}</text>'
    )


def arrow(y: int) -> str:
    x = WIDTH // 2
    return (
        f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + GAP - 8}" class="arrow"/>'
        f'<polygon points="{x - 6},{y + GAP - 10} {x + 6},{y + GAP - 10} {x},{y + GAP - 1}" class="head"/>'
    )


def box(step: FlowStep, y: int, colour: str) -> tuple[str, int]:
    lines = box_lines(step)
    height = 16 + LINE * len(lines)
    parts = [
        f'<g class="step"><rect x="{BOX_X}" y="{y}" width="{BOX_WIDTH}" height="{height}" rx="6" fill="{colour}"/>',
        f'<text x="{BOX_X + BOX_WIDTH - 12}" y="{y + 24}" text-anchor="end" class="limit">'
        f"{escape(step.limit_label)}</text>",
    ]
    for index, (css_class, text) in enumerate(lines):
        parts.append(f'<text x="{BOX_X + 14}" y="{y + 26 + LINE * index}" class="{css_class}">{escape(text)}</text>')
    parts.append("</g>")
    return "".join(parts), height


STYLE = (
    "<style>text{font-family:'Noto Sans CJK SC','Noto Sans SC','Microsoft YaHei',sans-serif;font-size:14px;"
    "fill:#1a1a1a}.heading{font-weight:bold}.actor{fill:#333}.limit{fill:#8a1c1c;font-weight:bold}"
    ".terminal{fill:#fff;stroke:#1f4e79;stroke-width:2}.step rect{stroke:#1f4e79;stroke-width:1.2}"
    ".arrow{stroke:#1f4e79;stroke-width:2}.head{fill:#1f4e79}</style>"
)


def flowchart_svg(steps: list[dict], *, title: str, chart_id: str = "flow", promised_days: int | None = None) -> str:
    """The flowchart as an SVG document with `role="img"`, a <title> and a <desc> naming every step."""
    flow = flow_steps(steps)
    colours: dict[str, str] = {}
    body, y = [terminal(10, _("提出申请"))], 46
    for step in flow:
        body.append(arrow(y))
        y += GAP
        colour = colours.setdefault(step.organization, PALETTE[len(colours) % len(PALETTE)])
        drawn, height = box(step, y, colour)
        body.append(drawn)
        y += height
    body.append(arrow(y))
    y += GAP
    days = promised_days if promised_days is not None else total_days(flow)
    body.append(terminal(y, _("办结（承诺%(days)s个工作日）") % {"days": days}))
    height = y + 46
    description = " ".join([summary(flow, promised_days=promised_days), *(step.sentence for step in flow)])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-labelledby="{chart_id}-title {chart_id}-desc" class="flowchart">'
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>'
        f"{STYLE}{''.join(body)}</svg>"
    )


def flowchart_text(steps: list[dict]) -> list[str]:
    """The text equivalent: one sentence per step, in order."""
    return [step.sentence for step in flow_steps(steps)]
