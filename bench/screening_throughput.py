"""Screening throughput: the whole pass (all detectors + a 10,000-term lexicon) against a naive lexicon loop.

`python -m bench screening [--megabytes=50] [--baseline-megabytes=1]`. Targets: ≥ 20 MB/s on one core, ≥ 50× the
naive baseline (a loop over the lexicon with str.find, and one regex per term) on the same text.
"""

import json
import re
import time
from collections import Counter
from pathlib import Path

from bench.common import setup_django, write_results

CORPUS = Path("var/bench/screening_corpus.txt")


def _option(argv: list[str], name: str, default: float) -> float:
    for arg in argv:
        if arg.startswith(f"--{name}="):
            return float(arg.split("=", 1)[1])
    return default


def load_corpus(megabytes: int) -> tuple[list[str], dict]:
    from bench.screening_corpus import generate_corpus

    sidecar = CORPUS.with_suffix(".json")
    if CORPUS.exists() and sidecar.exists():
        meta = json.loads(sidecar.read_text())
        if meta["megabytes"] == megabytes:
            return CORPUS.read_text(encoding="utf-8").split("\n\n"), meta["planted"]
    documents, planted = generate_corpus(CORPUS, megabytes=megabytes)
    sidecar.write_text(json.dumps({"megabytes": megabytes, "planted": planted}))
    return documents, planted


def naive_find(text: str, terms: list[str]) -> int:
    hits = 0
    for term in terms:
        position = text.find(term)
        while position != -1:
            hits += 1
            position = text.find(term, position + 1)
    return hits


def naive_regex(text: str, terms: list[str]) -> int:
    return sum(len(re.findall(re.escape(term), text)) for term in terms)


def main(argv: list[str]) -> dict:
    setup_django()
    from bench.screening_corpus import generate_lexicon
    from gongkai.screening.detectors import scan
    from gongkai.screening.kinds import Kind, Severity
    from gongkai.screening.lexicon import LexiconSnapshot, Term

    megabytes = int(_option(argv, "megabytes", 50))
    baseline_megabytes = _option(argv, "baseline-megabytes", 1)
    started = time.process_time()
    documents, planted = load_corpus(megabytes)
    corpus_bytes = sum(len(document.encode("utf-8")) for document in documents)
    print(f"corpus: {len(documents)} documents, {corpus_bytes / 2**20:.1f} MB ({time.process_time() - started:.1f} s)")

    terms, planted_terms = generate_lexicon(documents)
    build_started = time.process_time()
    lexicon = LexiconSnapshot(
        [Term(Kind.SENSITIVE, term, Severity.WARN, "other", "其他") for term in terms], version="bench"
    )
    build_seconds = time.process_time() - build_started

    # CPU time of this process is the "one core" figure; wall time is reported too (it grows when the machine is busy).
    counts: Counter = Counter()
    pass_started, pass_cpu_started = time.perf_counter(), time.process_time()
    for document in documents:
        for detection in scan(document, lexicon=lexicon):
            counts[detection.kind] += 1
    pass_cpu_seconds = time.process_time() - pass_cpu_started
    pass_wall_seconds = time.perf_counter() - pass_started
    throughput = corpus_bytes / 2**20 / pass_cpu_seconds
    print(f"whole pass: {pass_cpu_seconds:.2f} s CPU, {throughput:.1f} MB/s, findings {dict(counts)}")

    sample_documents, sample_bytes = [], 0
    for document in documents:
        if sample_bytes >= baseline_megabytes * 2**20:
            break
        sample_documents.append(document)
        sample_bytes += len(document.encode("utf-8"))
    sample = "\n\n".join(sample_documents)
    sample_mb = len(sample.encode("utf-8")) / 2**20

    fast_started = time.process_time()
    fast_hits = len(lexicon.scan(sample))
    fast_seconds = time.process_time() - fast_started
    whole_started = time.process_time()
    scan(sample, lexicon=lexicon)
    whole_sample_seconds = time.process_time() - whole_started

    find_started = time.process_time()
    find_hits = naive_find(sample, terms)
    find_seconds = time.process_time() - find_started
    regex_terms = terms[:1000]
    regex_started = time.process_time()
    naive_regex(sample, regex_terms)
    regex_seconds = (time.process_time() - regex_started) * len(terms) / len(regex_terms)
    print(f"baseline str.find on {sample_mb:.2f} MB: {find_seconds:.2f} s ({find_hits} hits, automaton {fast_hits})")

    figures = {
        "corpus_mb": round(corpus_bytes / 2**20, 1),
        "documents": len(documents),
        "lexicon_terms": len(terms),
        "automaton_build_seconds": round(build_seconds, 3),
        "whole_pass_cpu_seconds": round(pass_cpu_seconds, 2),
        "whole_pass_wall_seconds": round(pass_wall_seconds, 2),
        "whole_pass_mb_per_s": round(throughput, 1),
        "whole_pass_wall_mb_per_s": round(corpus_bytes / 2**20 / pass_wall_seconds, 1),
        "findings": {str(kind): total for kind, total in sorted(counts.items())},
        "planted": planted,
        "planted_found_exactly": all(counts[kind] == total for kind, total in planted.items()),
        "baseline_sample_mb": round(sample_mb, 2),
        "whole_pass_on_sample_mb_per_s": round(sample_mb / whole_sample_seconds, 1),
        "lexicon_pass_on_sample_mb_per_s": round(sample_mb / fast_seconds, 1),
        "naive_str_find_mb_per_s": round(sample_mb / find_seconds, 3),
        "naive_regex_per_term_mb_per_s": round(sample_mb / regex_seconds, 3),
        "naive_regex_note": f"measured with {len(regex_terms)} of {len(terms)} terms and scaled",
        "speedup_whole_pass_vs_str_find": round(find_seconds / whole_sample_seconds, 1),
        "speedup_whole_pass_vs_regex_per_term": round(regex_seconds / whole_sample_seconds, 1),
        "hits_agree": fast_hits <= find_hits,
        "targets": {"mb_per_s": 20, "speedup": 50},
    }
    figures["targets_met"] = throughput >= 20 and figures["speedup_whole_pass_vs_str_find"] >= 50
    write_results("screening_throughput", figures)
    return figures
