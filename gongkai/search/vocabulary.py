"""The system's own vocabulary, which becomes the segmenter's user dictionary, and the synonym groups.

Words come from organization names, place names (regions), every source's vocabulary (domain and catalog item
names) and the office's policy terms with their synonyms. A change of these words changes the dictionary
version; the index keeps the dictionary it was built with until `gongkai search reindex` rebuilds it.
"""

from django.core.cache import cache

from gongkai.orgs.models import Organization, Region

from .models import Term
from .segmentation import Dictionary

SYNONYMS_CACHE_KEY = "search:synonyms"
SYNONYMS_CACHE_SECONDS = 60


def vocabulary_words() -> list[str]:
    from .sources import sources

    words: list[str] = []
    for name, short_name in Organization.objects.filter(is_active=True).values_list("name", "short_name"):
        words.extend((name, short_name))
    words.extend(Region.objects.values_list("name", flat=True))
    for source in sources():
        words.extend(source.vocabulary())
    for word, synonyms in Term.objects.filter(is_active=True).values_list("word", "synonyms"):
        words.append(word)
        words.extend(synonyms)
    return words


def current_dictionary() -> Dictionary:
    return Dictionary.from_words(vocabulary_words())


def synonym_groups() -> dict[str, tuple[str, ...]]:
    """word → the other words of its group, for every active term (a word in two groups gets both)."""
    groups = cache.get(SYNONYMS_CACHE_KEY)
    if groups is None:
        groups = {}
        for word, synonyms in Term.objects.filter(is_active=True).values_list("word", "synonyms"):
            members = [word, *synonyms]
            for member in members:
                others = [other for other in members if other != member]
                groups[member] = tuple(dict.fromkeys([*groups.get(member, ()), *others]))
        cache.set(SYNONYMS_CACHE_KEY, groups, SYNONYMS_CACHE_SECONDS)
    return groups


def forget_synonyms() -> None:
    cache.delete(SYNONYMS_CACHE_KEY)
