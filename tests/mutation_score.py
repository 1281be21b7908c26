"""The mutation score per module, from mutmut's results in mutants/ (after ``mutmut run``).

    .venv/bin/python -m tests.mutation_score

Score = killed / (killed + survived) over the mutants that were run; a mutant no test reaches
counts as a survivor, a timeout as killed. Mutants not run (a run stopped early, or restricted
to some names) are counted apart. Survivors are listed: ``mutmut show NAME`` prints one.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED, SURVIVED = {1, 3, 24, -24, 36, 152, 255}, {0, 5, 33}
VALIDATION = {"loader", "essay", "editorial", "schema", "yamlio", "problems"}  # the rest render


def status(code) -> str:
    return "not run" if code is None else "killed" if code in KILLED else "survived" if code in SURVIVED \
        else "other"


def row(name: str, counts: Counter) -> str:
    run = counts["killed"] + counts["survived"]
    return (f"| {name} | {sum(counts.values())} | {counts['not run']} | {counts['killed']} | {counts['survived']} | "
            f"{100 * counts['killed'] / run:.1f} % |" if run else f"| {name} | {sum(counts.values())} | "
            f"{counts['not run']} | 0 | 0 | – |")


def main() -> int:
    metas = sorted((ROOT / "mutants").rglob("*.py.meta"))
    if not metas:
        print("no results: run `mutmut run` first (python3 scripts/dev.py mutate)", file=sys.stderr)
        return 2
    total, validation, survivors = Counter(), Counter(), []
    print("| module | mutants | not run | killed | survived | score |\n|---|--:|--:|--:|--:|--:|")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = Counter(status(code) for code in codes.values())
        survivors += sorted(key for key, code in codes.items() if status(code) == "survived")
        total += counts
        if meta.name.removesuffix(".py.meta") in VALIDATION:
            validation += counts
        print(row(f"`{meta.relative_to(ROOT / 'mutants').as_posix().removesuffix('.meta')}`", counts))
    print(row("**validation modules**", validation))
    print(row("**all**", total))
    print("\nSurvivors:\n" + "\n".join(survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
