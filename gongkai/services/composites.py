"""What a 一件事 adds up to: one materials list without duplicates, the steps across organizations, total times."""

import re
from dataclasses import dataclass, field

from .models import MaterialForm

# Punctuation and spacing that do not make two materials different: "居民身份证" = "居民身份证 " = "（居民身份证）".
NOISE = re.compile(r"[\s（）()《》〈〉“”\"'·、，,。.；;：:]+")
FORM_RANK: dict[str, int] = {
    MaterialForm.ELECTRONIC: 0,
    MaterialForm.COPY: 1,
    MaterialForm.ORIGINAL: 2,
    MaterialForm.BOTH: 3,
}


def material_key(name: str) -> str:
    return NOISE.sub("", name or "").lower()


@dataclass
class MergedMaterial:
    """One material of the merged list: the strictest form and the largest count any part asks for, required when
    any part requires it unconditionally, and the parts (organization · guide) that need it."""

    name: str
    form: str
    count: int
    source: str
    required: bool
    conditions: list[str] = field(default_factory=list)
    template_url: str = ""
    needed_by: list[str] = field(default_factory=list)

    @property
    def form_label(self) -> str:
        return str(MaterialForm(self.form).label) if self.form in MaterialForm.values else self.form


def stricter_form(first: str, second: str) -> str:
    """Original and copy together become "both"; otherwise the form that asks more."""
    if {first, second} == {MaterialForm.ORIGINAL, MaterialForm.COPY}:
        return MaterialForm.BOTH
    return max(first, second, key=lambda form: FORM_RANK.get(form, 0))


def merge_materials(guides) -> list[MergedMaterial]:
    """The materials of `guides` (in order) with duplicates removed: the same material named once."""
    merged: dict[str, MergedMaterial] = {}
    for guide in guides:
        label = f"{guide.organization.display_name}·{guide.name}"
        for material in guide.materials:
            key = material_key(material.get("name", ""))
            required = bool(material.get("required", True))
            found = merged.get(key)
            if found is None:
                found = merged[key] = MergedMaterial(
                    name=material.get("name", "").strip(),
                    form=material.get("form", MaterialForm.ORIGINAL),
                    count=int(material.get("count") or 1),
                    source=material.get("source", ""),
                    required=required,
                    template_url=material.get("template_url", ""),
                )
            else:
                found.form = stricter_form(found.form, material.get("form", MaterialForm.ORIGINAL))
                found.count = max(found.count, int(material.get("count") or 1))
                found.required = found.required or required
                found.template_url = found.template_url or material.get("template_url", "")
            if not required and material.get("condition"):
                found.conditions.append(material["condition"])
            found.needed_by.append(label)
    for material in merged.values():
        if material.required:
            material.conditions = []
    return list(merged.values())


def composite_steps(guides) -> list[dict]:
    """Every part's steps in order, each labelled with its organization, for one flowchart."""
    return [{**step, "organization": guide.organization.display_name} for guide in guides for step in guide.steps]


@dataclass(frozen=True)
class Totals:
    statutory_days: int
    promised_days: int

    @property
    def days_saved(self) -> int:
        return self.statutory_days - self.promised_days


def composite_totals(guides) -> Totals:
    return Totals(
        statutory_days=sum(guide.statutory_days or 0 for guide in guides),
        promised_days=sum(guide.promised_days or 0 for guide in guides),
    )
