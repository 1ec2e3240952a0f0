"""Pickers that scale to catalogs of thousands of items (docs/backoffice.md "Pickers").

`ItemPickerField` lists only the items already chosen (as checked boxes) and takes more by their unified codes in a
text box, so it works without JavaScript and never renders thousands of options; `static/backoffice/picker.js` turns
the text box into a search-as-you-type list fed by `backoffice:catalog:picker_items`.
"""

import re

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import Item
from gongkai.catalog.selectors import parent_path, usable_items, usable_items_by_codes

CODE_SEPARATORS = re.compile(r"[\s,，、;；]+")
CODE_PREFIX = "code:"


class ItemPickerWidget(forms.Widget):
    template_name = "backoffice/forms/item_picker.html"
    use_fieldset = True

    def __init__(self, *, organization=None, attrs=None):
        super().__init__(attrs)
        self.organization = organization
        self.queryset = None  # set by ItemPickerField: where the chosen items are looked up

    def value_from_datadict(self, data, files, name):
        picked = data.getlist(name) if hasattr(data, "getlist") else list(data.get(name) or [])
        codes = [code for code in CODE_SEPARATORS.split(data.get(f"{name}_codes", "")) if code]
        return [*picked, *(CODE_PREFIX + code for code in codes)]

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_codes" not in data

    def format_value(self, value):
        return [str(getattr(v, "pk", v)) for v in value or [] if not str(v).startswith(CODE_PREFIX)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        ids = [pk for pk in context["widget"]["value"] if pk.isdigit()]
        chosen = (
            list(self.queryset.filter(pk__in=ids).select_related("parent__parent").order_by("code"))
            if ids and self.queryset is not None
            else []
        )
        context["widget"]["chosen"] = [{"item": item, "path": parent_path(item)} for item in chosen]
        context["widget"]["search_url"] = (
            reverse("backoffice:catalog:picker_items") + f"?organization={self.organization.pk}"
            if self.organization is not None
            else ""
        )
        return context


class ItemPickerField(forms.ModelMultipleChoiceField):
    """Items `organization` may use (`catalog.selectors.usable_items`), chosen by id or typed by unified code.
    `linked` (the items a record already links to) stay choosable even when they are no longer offered, so saving
    a form never drops a link silently."""

    widget = ItemPickerWidget

    def __init__(self, *, organization, linked: list[int] | None = None, **kwargs):
        queryset = usable_items(organization)
        if linked:
            queryset = Item.objects.filter(Q(pk__in=queryset.values("pk")) | Q(pk__in=linked))
        super().__init__(queryset=queryset, **kwargs)
        self.organization = organization
        self.widget.organization = organization
        self.widget.queryset = queryset

    def clean(self, value):
        value = list(value or [])
        codes = [entry[len(CODE_PREFIX) :] for entry in value if str(entry).startswith(CODE_PREFIX)]
        ids = [entry for entry in value if not str(entry).startswith(CODE_PREFIX)]
        if codes:
            found = usable_items_by_codes(self.organization, codes)
            missing = [code for code in codes if code not in found]
            if missing:
                raise forms.ValidationError(
                    _("找不到本机构可用的事项编码：%(codes)s。请核对编码，或搜索事项名称后选择。"),
                    code="unknown_code",
                    params={"codes": "、".join(missing)},
                )
            ids += [str(item.pk) for item in found.values()]
        return super().clean(list(dict.fromkeys(ids)))


def column_choices(columns) -> list[tuple[int, str]]:
    """Columns (loaded with `parent`) as a depth-first tree, each labelled with its path ("政策 / 政策解读")."""
    children: dict = {}
    for column in columns:
        children.setdefault(column.parent_id, []).append(column)
    present = {column.pk for column in columns}
    roots = [column for column in columns if column.parent_id is None or column.parent_id not in present]
    choices: list[tuple[int, str]] = []

    def walk(column, path: str) -> None:
        label = f"{path} / {column.name}" if path else column.name
        choices.append((column.pk, label))
        for child in children.get(column.pk, []):
            walk(child, label)

    for root in roots:
        walk(root, "")
    return choices
