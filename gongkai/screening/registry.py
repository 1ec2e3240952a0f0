"""Sources of screenable content for whole-site rescans; higher apps (publishing) register theirs in AppConfig.ready.

`iter_fn(organization=None)` yields `(target, organization, texts)` in a stable order (e.g. by primary key), where
`texts` is what `services.screen_target` takes. The order matters: an interrupted rescan resumes by skipping the
number of items a source had already yielded.
"""

from collections.abc import Callable, Iterable

Source = Callable[..., Iterable[tuple]]
_sources: dict[str, Source] = {}


def register_source(name: str, iter_fn: Source) -> None:
    """Register (or replace, so a reloaded app does not duplicate) the source called `name`."""
    _sources[name] = iter_fn


def sources() -> dict[str, Source]:
    return dict(sorted(_sources.items()))


def unregister_source(name: str) -> None:
    _sources.pop(name, None)
