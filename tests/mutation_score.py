"""The mutation score per module, from mutmut's results in mutants/ (after ``mutmut run``).

    .venv/bin/python -m tests.mutation_score

Killed mutants, survivors (listed: `mutmut show NAME` prints one), and the score = killed /
(killed + survived + timeouts); mutants no test reaches count as survivors.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED, SURVIVED, NO_TESTS = {1, 3}, {0}, {5, 33}


def main() -> int:
    metas = sorted((ROOT / "mutants").rglob("*.py.meta"))
    if not metas:
        print("no results: run `mutmut run` first (python3 scripts/dev.py mutate)", file=sys.stderr)
        return 2
    total, survivors = Counter(), []
    print("| module | mutants | killed | survived | score |\n|---|--:|--:|--:|--:|")
    for meta in metas:
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        counts = Counter("killed" if c in KILLED else "survived" if c in SURVIVED | NO_TESTS or c is None
                         else "killed" for c in codes.values())  # timeouts and crashes are detections
        survivors += sorted(k for k, c in codes.items() if c in SURVIVED | NO_TESTS or c is None)
        total += counts
        module = meta.relative_to(ROOT / "mutants").as_posix().removesuffix(".meta")
        print(f"| `{module}` | {len(codes)} | {counts['killed']} | {counts['survived']} | "
              f"{100 * counts['killed'] / max(1, len(codes)):.1f} % |")
    print(f"| **all** | {sum(total.values())} | {total['killed']} | {total['survived']} | "
          f"**{100 * total['killed'] / max(1, sum(total.values())):.1f} %** |")
    print("\nSurvivors:\n" + "\n".join(survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
