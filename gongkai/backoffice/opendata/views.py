"""Back-office pages of the open-data catalog for the disclosure office and administrators: the overview of every
dataset of the organizations they oversee (light, downloads), and cataloguing — create and edit a dataset, add file
or live resources, upload a newer file, retire a resource, stop opening a dataset and open it again.

Access: `staff_required(roles=MANAGERS)`, then `opendata.selectors.dataset_for_staff` / `resource_for_staff`: a
dataset outside the person's organizations answers 404. Every write goes through `opendata.services` (audited)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.core.audit import action_label
from gongkai.core.errors import AccessDenied
from gongkai.core.models import AuditEntry
from gongkai.opendata import services
from gongkai.opendata.errors import OpendataError
from gongkai.opendata.selectors import dataset_for_staff, datasets_for_staff, light_of, resource_for_staff
from gongkai.orgs.access import MANAGERS

from ..system.forms import show_error
from .forms import DatasetForm, ReplaceFileForm, ResourceForm, RetireForm

HISTORY = 30


def dataset_or_404(request, dataset_id):
    try:
        return dataset_for_staff(person=request.user, dataset_id=dataset_id)
    except AccessDenied as error:
        raise Http404 from error


def resource_or_404(request, dataset_id, resource_id):
    try:
        return resource_for_staff(person=request.user, dataset_id=dataset_id, resource_id=resource_id)
    except AccessDenied as error:
        raise Http404 from error


@staff_required(roles=MANAGERS)
def index(request):
    today = timezone.localdate()
    datasets = list(datasets_for_staff(request.user))
    for dataset in datasets:
        dataset.light = light_of(dataset, today)
    counts = {light: sum(dataset.light == light for dataset in datasets) for light in ("red", "yellow", "green")}
    return render(request, "backoffice/opendata/index.html", {"datasets": datasets, "counts": counts})


@staff_required(roles=MANAGERS)
def create(request):
    form = DatasetForm(request.POST or None, person=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dataset = services.create_dataset(
                publisher=form.cleaned_data["publisher"],
                actor=request.user,
                slug=form.cleaned_data["slug"],
                **form.service_arguments(),
            )
        except (OpendataError, AccessDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("数据集已创建，请添加数据资源。"))
            return redirect("backoffice:opendata:dataset", dataset_id=dataset.pk)
    status = 400 if form.errors else 200
    return render(request, "backoffice/opendata/dataset_form.html", {"form": form, "dataset": None}, status=status)


@staff_required(roles=MANAGERS)
def dataset(request, dataset_id: int):
    found = dataset_or_404(request, dataset_id)
    found.light = light_of(found, timezone.localdate())
    history = list(
        AuditEntry.objects.filter(target_type="opendata.dataset", target_id=str(found.pk)).order_by("-at", "-id")[
            :HISTORY
        ]
    )
    for entry in history:
        entry.action_label = action_label(entry.action)
    context = {"dataset": found, "history": history, "retire_form": RetireForm(), "replace_form": ReplaceFileForm()}
    return render(request, "backoffice/opendata/dataset.html", context)


@staff_required(roles=MANAGERS)
def edit(request, dataset_id: int):
    found = dataset_or_404(request, dataset_id)
    form = DatasetForm(request.POST or None, person=request.user, dataset=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_dataset(dataset=found, actor=request.user, **form.service_arguments())
        except (OpendataError, AccessDenied) as error:
            show_error(form, error)
        else:
            messages.success(request, _("数据集信息已保存。"))
            return redirect("backoffice:opendata:dataset", dataset_id=found.pk)
    status = 400 if form.errors else 200
    return render(request, "backoffice/opendata/dataset_form.html", {"form": form, "dataset": found}, status=status)


@require_POST
@staff_required(roles=MANAGERS)
def retire(request, dataset_id: int):
    found = dataset_or_404(request, dataset_id)
    try:
        services.retire_dataset(dataset=found, actor=request.user, reason=request.POST.get("reason", ""))
    except OpendataError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("数据集已停止开放，门户和 data.json 不再列出。"))
    return redirect("backoffice:opendata:dataset", dataset_id=found.pk)


@require_POST
@staff_required(roles=MANAGERS)
def reopen(request, dataset_id: int):
    found = dataset_or_404(request, dataset_id)
    try:
        services.reopen_dataset(dataset=found, actor=request.user)
    except OpendataError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("数据集已重新开放。"))
    return redirect("backoffice:opendata:dataset", dataset_id=found.pk)


@staff_required(roles=MANAGERS)
def resource_create(request, dataset_id: int):
    found = dataset_or_404(request, dataset_id)
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_resource(dataset=found, actor=request.user, **form.service_arguments())
        except OpendataError as error:
            show_error(form, error)
        else:
            messages.success(request, _("数据资源已添加。"))
            return redirect("backoffice:opendata:dataset", dataset_id=found.pk)
    status = 400 if form.errors else 200
    return render(request, "backoffice/opendata/resource_form.html", {"form": form, "dataset": found}, status=status)


@require_POST
@staff_required(roles=MANAGERS)
def resource_replace(request, dataset_id: int, resource_id: int):
    resource = resource_or_404(request, dataset_id, resource_id)
    form = ReplaceFileForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("请选择要上传的文件。"))
        return redirect("backoffice:opendata:dataset", dataset_id=dataset_id)
    try:
        services.replace_resource_file(resource=resource, actor=request.user, data=form.cleaned_data["file"].read())
    except OpendataError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("文件已更新，数据更新日期记为今天。"))
    return redirect("backoffice:opendata:dataset", dataset_id=dataset_id)


@require_POST
@staff_required(roles=MANAGERS)
def resource_retire(request, dataset_id: int, resource_id: int):
    resource = resource_or_404(request, dataset_id, resource_id)
    try:
        services.retire_resource(resource=resource, actor=request.user)
    except OpendataError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("资源已停用，不再公开下载。"))
    return redirect("backoffice:opendata:dataset", dataset_id=dataset_id)
