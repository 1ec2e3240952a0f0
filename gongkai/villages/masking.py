"""Masking a publicity list for the public, by the screening rules: names partly shown, ID numbers, phones, bank
cards and house addresses masked with screening's official masks."""

from gongkai.screening.masking import mask_address, mask_id_number
from gongkai.screening.scanning import mask_personal_data


def mask_name(name: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰, 欧阳娜娜 → 欧**娜: the surname and (from three characters) the last one stay."""
    name = (name or "").strip()
    if len(name) <= 1:
        return name
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def mask_entry(entry) -> dict:
    return {
        "name": mask_name(entry.name),
        "id_number": mask_id_number(entry.id_number) if entry.id_number else "",
        "address": mask_address(entry.address) if entry.address else "",
        "detail": mask_personal_data(entry.detail),
    }
