"""The search step of `gongkai demo` (it runs last): the office's policy terms and synonyms, then the index.

Idempotent: terms are added only when missing, and the index is rebuilt only when it is missing, was built with
another dictionary, does not hold every public document, or an earlier step left its indexing to this one
(`gongkai demo` defers per-write indexing, core/deferral.py).
"""

from django.utils.translation import gettext as _

from gongkai.core import deferral
from gongkai.orgs.demo import staff_of

from .backends import get_backend
from .models import Term
from .services import count_public_documents, create_term, reindex
from .vocabulary import current_dictionary

TERMS = [
    ("最低生活保障", ["低保"], "社会救助"),
    ("特困人员救助供养", ["特困供养", "五保供养"], "社会救助"),
    ("老旧小区改造", ["旧改"], "保障性住房"),
    ("城乡居民基本医疗保险", ["居民医保"], "社会保险"),
    ("城乡居民基本养老保险", ["居民养老保险"], "社会保险"),
    ("农村危房改造", ["危房改造"], "农村危房改造"),
    ("耕地地力保护补贴", ["耕地补贴"], "涉农补贴"),
    ("政府信息公开", ["政务公开"], "政务公开"),
    ("一网通办", [], "政务服务"),
    ("宅基地审批", ["宅基地申请"], "农村集体土地"),
]


def build(context) -> None:
    office = staff_of(context.objects["government"], "office")
    existing = set(Term.objects.values_list("word", flat=True))
    for word, synonyms, note in TERMS:
        if word not in existing:
            create_term(word=word, synonyms=synonyms, note=note, actor=office)
    backend = get_backend()
    built_with = backend.dictionary()
    public = count_public_documents()
    up_to_date = built_with == current_dictionary() and backend.document_count() == public
    if up_to_date and not deferral.was_deferred("search"):
        context.say(_("  检索索引已是最新：%(count)s 条（%(backend)s）。") % {"count": public, "backend": backend.name})
        return
    count = reindex(actor=office)
    context.say(
        _("  检索索引已重建：%(count)s 条（%(backend)s，词典 %(version)s）。")
        % {"count": count, "backend": backend.name, "version": current_dictionary().version}
    )
