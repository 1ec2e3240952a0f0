"""Back-office pages for the managed lexicon and expression pairs: list, add, edit, import, export."""

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.backoffice.decorators import staff_required
from gongkai.backoffice.jobs import FAILED, run_job
from gongkai.orgs.models import Role
from gongkai.screening import selectors
from gongkai.screening.errors import ScreeningError
from gongkai.screening.importing import RowError, export_table
from gongkai.screening.models import Expression, ExpressionCategory, Lexicon, LexiconCategory
from gongkai.screening.services import (
    create_expression,
    create_lexicon_entry,
    import_expressions,
    import_lexicon,
    update_expression,
    update_lexicon_entry,
)
from gongkai.screening.tasks import import_list_upload, upload_dir

from .forms import ExpressionForm, ImportForm, LexiconForm

MANAGERS = (Role.ADMIN, Role.OFFICE)
PAGE_SIZE = 100


class ManagedList:
    """What differs between the two managed lists."""

    def __init__(self, name, model, form, create, update, importer, query, categories, key, title, noun):
        self.name, self.model, self.form, self.create, self.update = name, model, form, create, update
        self.importer, self.query, self.categories, self.key, self.title, self.noun = (
            importer,
            query,
            categories,
            key,
            title,
            noun,
        )


LISTS = {
    "lexicon": ManagedList(
        "lexicon",
        Lexicon,
        LexiconForm,
        create_lexicon_entry,
        lambda entry, actor, **changes: update_lexicon_entry(entry=entry, actor=actor, **changes),
        import_lexicon,
        selectors.lexicon_entries,
        LexiconCategory,
        "term",
        gettext_lazy("敏感词库"),
        "lexicon",
    ),
    "expressions": ManagedList(
        "expressions",
        Expression,
        ExpressionForm,
        create_expression,
        lambda entry, actor, **changes: update_expression(expression=entry, actor=actor, **changes),
        import_expressions,
        selectors.expressions,
        ExpressionCategory,
        "wrong",
        gettext_lazy("表述纠错"),
        "expression",
    ),
}


def _list_kind(name: str) -> ManagedList:
    if name not in LISTS:
        raise Http404
    return LISTS[name]


@staff_required(roles=MANAGERS)
def entries(request, list_name: str):
    kind = _list_kind(list_name)
    selectors.require_lexicon_manager(request.user)
    form = kind.form(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = kind.create(actor=request.user, **form.cleaned_data)
        except ScreeningError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已添加“%(entry)s”。") % {"entry": entry})
            return redirect("backoffice:screening:entries", list_name=kind.name)
    enabled = {"1": True, "0": False}.get(request.GET.get("enabled", ""))
    queryset = kind.query(
        query=request.GET.get("q", "").strip(), category=request.GET.get("category", ""), enabled=enabled
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "kind": kind,
        "page": page,
        "form": form,
        "import_form": ImportForm(),
        "categories": kind.categories.choices,
        "query": request.GET.get("q", ""),
    }
    return render(request, "backoffice/screening/entries.html", context)


@staff_required(roles=MANAGERS)
def edit_entry(request, list_name: str, entry_id: int):
    kind = _list_kind(list_name)
    selectors.require_lexicon_manager(request.user)
    entry = get_object_or_404(kind.model, pk=entry_id)
    initial = {field: getattr(entry, field) for field in kind.form.base_fields}
    form = kind.form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {field: value for field, value in form.cleaned_data.items() if value != initial[field]}
        try:
            if changes:
                kind.update(entry, request.user, **changes)
        except ScreeningError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已保存。词库变更后，可在“全站复查”中让旧信息也按新词库检查。"))
            return redirect("backoffice:screening:entries", list_name=kind.name)
    return render(request, "backoffice/screening/entry_edit.html", {"kind": kind, "entry": entry, "form": form})


@staff_required(roles=MANAGERS)
def import_entries(request, list_name: str):
    """The table is checked and imported by a background job (`screening.tasks.import_list_upload`): inline, the
    page shows its outcome at once; on the queue, 我的后台任务 shows it."""
    kind = _list_kind(list_name)
    selectors.require_lexicon_manager(request.user)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        token = str(uuid.uuid4())
        (upload_dir() / f"{token}.bin").write_bytes(upload.read())
        dry_run = form.cleaned_data["dry_run"]

        def done(outcome: dict):
            return import_outcome(request, kind, form, outcome)

        def failed():
            messages.error(request, FAILED)
            return render(request, "backoffice/screening/import.html", {"kind": kind, "form": form})

        return run_job(
            request,
            import_list_upload,
            done=done,
            failed=failed,
            list_name=kind.name,
            token=token,
            file_name=upload.name,
            dry_run=dry_run,
        )
    return render(request, "backoffice/screening/import.html", {"kind": kind, "form": form})


def import_outcome(request, kind: ManagedList, form, outcome: dict):
    errors, report = [], None
    if not outcome["ok"]:
        errors = [RowError(**error) for error in outcome["errors"]]
        messages.error(request, outcome["message"])
    else:
        report = outcome
        if outcome.get("dry_run"):
            messages.info(request, _("检查通过，未导入。"))
        else:
            messages.success(request, _("导入完成。"))
    context = {"kind": kind, "form": form, "errors": errors, "report": report}
    return render(request, "backoffice/screening/import.html", context)


@staff_required(roles=MANAGERS)
def export_entries(request, list_name: str):
    kind = _list_kind(list_name)
    selectors.require_lexicon_manager(request.user)
    file_format = "xlsx" if request.GET.get("format") == "xlsx" else "csv"
    data = export_table(kind.model.objects.order_by(kind.key), kind=kind.noun, file_format=file_format)
    content_type = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if file_format == "xlsx" else "text/csv"
    )
    response = HttpResponse(data, content_type=content_type)
    filename = f"{kind.noun}-{timezone.localdate():%Y%m%d}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
