"""Run the benchmarks: `python -m bench` runs all, `python -m bench search` runs those whose name starts with it.

Each benchmark module defines `main(argv: list[str]) -> dict`, prints its figures and writes them to bench/results/.
"""

import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path


def discover(prefixes: list[str]) -> list[str]:
    names = sorted(
        module.name
        for module in pkgutil.iter_modules([str(Path(__file__).parent)])
        if not module.name.startswith("_") and module.name not in {"common"}
    )
    return [name for name in names if not prefixes or any(name.startswith(prefix) for prefix in prefixes)]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai.settings")
    args = sys.argv[1:]
    prefixes = [arg for arg in args if not arg.startswith("-")]
    names = discover(prefixes)
    if not names:
        print(f"no benchmark matches {prefixes}", file=sys.stderr)
        return 2
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        if not hasattr(module, "main"):
            continue
        print(f"=== bench.{name}", flush=True)
        started = time.perf_counter()
        module.main([arg for arg in args if arg.startswith("-")])
        print(f"=== bench.{name} finished in {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
