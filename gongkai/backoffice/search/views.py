"""Back-office pages of the search module: index status and rebuild, popular and zero-result searches, and the
office's policy terms and synonyms."""

import json

from django.contrib import messages
from django.shortcuts import redirect, render
from django.tasks import TaskResultStatus
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.backoffice.decorators import staff_required
from gongkai.orgs.access import roles_of
from gongkai.orgs.models import Role
from gongkai.search.errors import SearchError, SearchUnavailable
from gongkai.search.selectors import (
    OVERSIGHT_ROLES,
    daily_searches,
    index_status,
    popular_queries,
    require_oversight,
    term_for_staff,
    terms_for_staff,
)
from gongkai.search.services import create_term, update_term
from gongkai.search.tasks import reindex_all

from .forms import TermForm

OVERSIGHT = (Role.ADMIN, Role.OFFICE)
STAT_DAYS = 30


@staff_required
def index(request):
    if not roles_of(request.user) & OVERSIGHT_ROLES:
        return render(request, "backoffice/search/index.html", {"oversight": False})
    days = daily_searches(person=request.user, days=STAT_DAYS)
    chart = {
        "days": [row["day"].strftime("%m-%d") for row in days],
        "searches": [row["searches"] for row in days],
        "zero_results": [row["zero_results"] for row in days],
        "labels": {"searches": _("检索次数"), "zero_results": _("无结果次数")},
    }
    try:
        status, unavailable = index_status(person=request.user), ""
    except SearchUnavailable as error:  # the search service of a several-server installation is down
        status, unavailable = None, error.message
    context = {
        "oversight": True,
        "status": status,
        "unavailable": unavailable,
        "popular": popular_queries(person=request.user, days=STAT_DAYS),
        "zero": popular_queries(person=request.user, days=STAT_DAYS, zero_only=True),
        "days": days,
        "chart_json": json.dumps(chart, ensure_ascii=False),
        "stat_days": STAT_DAYS,
    }
    return render(request, "backoffice/search/index.html", context)


@require_POST
@staff_required(roles=OVERSIGHT)
def rebuild(request):
    require_oversight(request.user)
    result = reindex_all.enqueue(actor_id=request.user.pk)
    if result.status == TaskResultStatus.SUCCESSFUL:
        messages.success(request, _("索引已重建，共 %(count)s 条。") % {"count": result.return_value})
    elif result.status == TaskResultStatus.FAILED:
        messages.error(request, _("重建索引失败，请查看服务器日志后重试。"))
    else:
        messages.success(request, _("重建索引已加入后台任务，可在“系统设置 → 后台任务”查看进度。"))
    return redirect("backoffice:search:index")


@staff_required(roles=OVERSIGHT)
def terms(request):
    term_list = terms_for_staff(person=request.user)
    form = TermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            term = create_term(
                word=form.cleaned_data["word"],
                synonyms=form.synonym_list(),
                note=form.cleaned_data["note"],
                actor=request.user,
            )
        except SearchError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("已添加词条“%(word)s”。重建索引后分词生效。") % {"word": term.word})
            return redirect("backoffice:search:terms")
    return render(request, "backoffice/search/terms.html", {"terms": term_list, "form": form})


@staff_required(roles=OVERSIGHT)
def edit_term(request, term_id: int):
    term = term_for_staff(person=request.user, term_id=term_id)
    initial = {"word": term.word, "synonyms": "、".join(term.synonyms), "note": term.note, "is_active": term.is_active}
    form = TermForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_term(
                term=term,
                word=form.cleaned_data["word"],
                synonyms=form.synonym_list(),
                note=form.cleaned_data["note"],
                is_active=form.cleaned_data["is_active"],
                actor=request.user,
            )
        except SearchError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("词条已保存。重建索引后分词生效。"))
            return redirect("backoffice:search:terms")
    return render(request, "backoffice/search/term_edit.html", {"term": term, "form": form})
