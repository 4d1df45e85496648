"""The mutation score per module from mutmut's results, and the mutants that survived.

Run by scripts/mutation.sh after ``mutmut run``; reads ``mutmut results --all true``.
A survivor listed in tests/MUTANTS.md (with the reason it is harmless) is reported as
such; any other survivor is a behaviour no fast test pins.  Exit status 1 when a module
scores under 90% or a survivor is not listed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.90
GROUPS = {
    "furniture": ("autonews.text.clean", "autonews.text.normalize", "autonews.extract.generic.boilerplate"),
    "dates": ("autonews.dates.text", "autonews.dates.spec", "autonews.dates.url", "autonews.dates.limits"),
    "store": ("autonews.store.store", "autonews.store.known"),
    "policy": ("autonews.crawling.policy",),
    "runs": ("autonews.crawling.runs",),
    "search": ("autonews.query.terms", "autonews.query.search"),
}
# mutmut's words; "timeout" and "caught by type check" are kills too.
KILLED = {"killed", "timeout", "caught by type check", "segfault"}
LINE = re.compile(r"^\s*(?P<name>[\w.ǁ]+__mutmut_\d+): (?P<status>.+)$")


def results() -> dict[str, str]:
    out = subprocess.run(
        [str(Path(sys.executable).parent / "mutmut"), "results", "--all", "true"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return {m["name"]: m["status"].strip() for m in map(LINE.match, out.splitlines()) if m}


def module_of(name: str) -> str:
    # autonews.store.store.xǁStoreǁsave_batch__mutmut_3 -> autonews.store.store
    return name.split("__mutmut_")[0].rsplit(".", 1)[0]


def listed_as_harmless() -> set[str]:
    path = ROOT / "tests" / "MUTANTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return set(re.findall(r"`([\w.ǁ]+__mutmut_\d+)`", text))


def main(groups: list[str]) -> int:
    modules = [m for g in (groups or GROUPS) for m in GROUPS[g]]
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    harmless = listed_as_harmless()
    for name, status in results().items():
        module = module_of(name)
        if module not in modules or status == "not checked":
            continue
        kind = "killed" if status in KILLED else "harmless" if name in harmless else status
        by_module[module][kind] += 1
        if kind not in ("killed", "harmless"):
            survivors[module].append(f"{name} ({status})")
    failing = 0
    print(
        f"{'module':32} {'mutants':>7} {'killed':>6} {'harmless':>8} {'other':>5}  score  (killed+harmless)/mutants"
    )
    for module in modules:
        c = by_module.get(module)
        if not c:
            print(f"{module:32} not run")
            continue
        total = sum(c.values())
        other = total - c["killed"] - c["harmless"]
        score = c["killed"] / total
        covered = (c["killed"] + c["harmless"]) / total
        failing += covered < TARGET or other > 0
        print(
            f"{module:32} {total:7} {c['killed']:6} {c['harmless']:8} {other:5}  {score:5.1%}  {covered:5.1%}"
        )
    for module, names in survivors.items():
        print(
            f"\nnot killed, not in tests/MUTANTS.md: {module} ({len(names)}; `mutmut show NAME` for the diff)"
        )
        for name in sorted(names, key=lambda n: (n.split("__mutmut_")[0], int(re.findall(r"_(\d+) ", n)[0]))):
            print(f"  {name}")
    return 1 if failing else 0


if __name__ == "__main__":
    # --globs: the mutmut names of the groups, for scripts/mutation.sh (the groups live here only).
    globs = sys.argv[1:2] == ["--globs"]
    groups = sys.argv[2:] if globs else sys.argv[1:]
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        sys.exit(f"mutation_report.py: unknown group(s) {unknown} (choose from {', '.join(GROUPS)})")
    if globs:
        print(" ".join(f"{m}.*" for g in (groups or GROUPS) for m in GROUPS[g]))
        sys.exit(0)
    sys.exit(main(groups))
