"""Measure the generic extractor against gold pages (see ``shared/eval/README.md``).

Every tool gets the same decoded text of the same pages in the same process, so the
speed ratio compares like with like: our figure includes decode + parse + extract.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from autonews.evaluate.tools import Extracted, decode_page, make_tool

# The eval README's leak markers (data of the eval set, one a line), compared after NFKC +
# lower-case (so "声明：" matches "声明:").
LEAK_MARKERS = tuple(Path(__file__).with_name("leak_markers.txt").read_text(encoding="utf-8").split())

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_WORD_RUN = re.compile(r"[^\W_]+")
_FULL_DAY = re.compile(r"^\s*(\d{4})\D(\d{1,2})\D(\d{1,2})")
FOLDS = ("A", "B")
WORST = 5


def fold_of(page_id: str) -> str:
    """The page's half for 2-fold cross-validation: fixed by a hash of its id, so the
    split is the same on every machine and every run, and unrelated to site or order."""
    return FOLDS[hashlib.sha1(page_id.encode()).digest()[0] % 2]


def text_tokens(text: str) -> Counter[str]:
    """README metric: NFKC + lower; CJK runs -> bigrams (lone char -> unigram); other words -> one token."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    tokens: Counter[str] = Counter()
    pos = 0
    for m in _CJK_RUN.finditer(text):
        tokens.update(_WORD_RUN.findall(text[pos : m.start()]))
        run = m.group()
        if len(run) == 1:
            tokens[run] += 1
        else:
            tokens.update(run[i : i + 2] for i in range(len(run) - 1))
        pos = m.end()
    tokens.update(_WORD_RUN.findall(text[pos:]))
    return tokens


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p_tok, g_tok = text_tokens(pred), text_tokens(gold)
    overlap = sum((p_tok & g_tok).values())
    p = overlap / sum(p_tok.values()) if p_tok else 0.0
    r = overlap / sum(g_tok.values()) if g_tok else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def leaked(pred: str, gold: str) -> list[str]:
    pred_n = unicodedata.normalize("NFKC", pred).lower()
    gold_n = unicodedata.normalize("NFKC", gold).lower()
    return [m for m in LEAK_MARKERS if m in pred_n and m not in gold_n]


def full_day(value: str | None) -> tuple[int, int, int] | None:
    m = _FULL_DAY.match(value or "")
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


@dataclass(slots=True)
class PageResult:
    folder: str
    page_id: str
    f1: float | None = None
    precision: float | None = None
    recall: float | None = None
    leaks: list[str] = field(default_factory=list)
    gold_date: str | None = None
    date: str | None = None
    date_ok: bool | None = None  # None: gold has no full day
    future: bool = False
    body: str = ""
    title: str | None = None

    @property
    def fold(self) -> str:
        return fold_of(self.page_id)


@dataclass(slots=True)
class ToolScore:
    tool: str
    pages: list[PageResult] = field(default_factory=list)
    seconds: float = 0.0  # CPU time of this process (what the tool itself spent)
    wall_seconds: float = 0.0  # elapsed time, which other jobs on the machine inflate

    def _text_pages(self, folder: str | None = None, fold: str | None = None) -> list[PageResult]:
        return [
            p
            for p in self.pages
            if p.f1 is not None
            and (folder is None or p.folder == folder)
            and (fold is None or p.fold == fold)
        ]

    def mean(self, attr: str, folder: str | None = None, fold: str | None = None) -> float:
        vals = [getattr(p, attr) for p in self._text_pages(folder, fold)]
        return sum(vals) / len(vals) if vals else float("nan")

    def text_count(self, folder: str | None = None, fold: str | None = None) -> int:
        return len(self._text_pages(folder, fold))

    def worst(self, folder: str, n: int = WORST) -> list[PageResult]:
        """The ``n`` lowest-F1 pages of a set (ties by id, so the list is stable)."""
        return sorted(self._text_pages(folder), key=lambda p: (p.f1, p.page_id))[:n]

    @property
    def leak_count(self) -> tuple[int, int]:
        tp = self._text_pages()
        return sum(1 for p in tp if p.leaks), len(tp)

    def date_acc(self, folder: str, fold: str | None = None) -> tuple[float, int]:
        scored = [
            p
            for p in self.pages
            if p.folder == folder and p.date_ok is not None and (fold is None or p.fold == fold)
        ]
        ok = sum(1 for p in scored if p.date_ok)
        return (ok / len(scored) if scored else float("nan")), len(scored)

    @property
    def false_dates(self) -> tuple[int, int]:
        """Dates given on pages whose gold has no date at all (weak evidence should give None)."""
        undated = [p for p in self.pages if p.gold_date is None]
        return sum(1 for p in undated if p.date), len(undated)

    @property
    def future_count(self) -> int:
        return sum(1 for p in self.pages if p.future)

    @property
    def pages_per_s(self) -> float:
        return len(self.pages) / self.seconds if self.seconds else float("nan")

    @property
    def wall_pages_per_s(self) -> float:
        return len(self.pages) / self.wall_seconds if self.wall_seconds else float("nan")


@dataclass(slots=True)
class EvalReport:
    folders: list[str]
    tools: list[ToolScore]
    decode_seconds: float = 0.0  # decode_html over all pages, once (shared by every tool)
    page_count: int = 0

    def tool(self, name: str) -> ToolScore:
        return next(t for t in self.tools if t.tool == name)


def _load(folder: Path) -> list[dict]:
    rows: list[dict] = []
    for line in (folder / "index.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rows.append(json.loads(line))
    return rows


def _score(folder: str, row: dict, out: Extracted, now: datetime) -> PageResult:
    res = PageResult(folder, row["id"], gold_date=row.get("date"), date=out.date, title=out.title)
    res.body = out.body
    if row.get("text"):
        res.precision, res.recall, res.f1 = prf(out.body, row["text"])
        res.leaks = leaked(out.body, row["text"])
    gold_day = full_day(row.get("date"))
    if gold_day is not None:
        res.date_ok = full_day(out.date) == gold_day
    got = full_day(out.date)
    if got is not None:
        res.future = got > (now.year, now.month, now.day)
    return res


def _page_sets(folder: Path) -> list[tuple[str, Path]]:
    """A folder holding index.jsonl, or a folder of such folders (``shared/eval``)."""
    if (folder / "index.jsonl").exists():
        return [(folder.name, folder)]
    return sorted((p.name, p) for p in folder.iterdir() if (p / "index.jsonl").exists())


def run_eval(folder: Path, *, compare: Sequence[str] = (), now: datetime | None = None) -> EvalReport:
    now = now or datetime.now(UTC)
    sets = _page_sets(Path(folder))
    if not sets:
        raise ValueError(f"no index.jsonl in {folder} or its sub-folders (see ../shared/eval/README.md)")
    report = EvalReport([n for n, _ in sets], [])
    # Decoding is the same step whatever extracts afterwards, so it is timed once on its
    # own; each tool's pages/s covers what it does with the decoded text (we: parse + extract).
    pages: list[tuple[str, dict, str]] = []
    for name, path in sets:
        for row in _load(path):
            raw = (path / f"{row['id']}.html").read_bytes()
            t0 = time.perf_counter()
            html = decode_page(raw, row.get("encoding"))
            report.decode_seconds += time.perf_counter() - t0
            pages.append((name, row, html))
    report.page_count = len(pages)
    tools: list[tuple[str, Callable[[str, str | None], Extracted]]] = [
        (name, make_tool(name, now)) for name in ("ours", *compare)
    ]
    for name, fn in tools:
        score = ToolScore(name)
        for set_name, row, html in pages:
            # CPU time as well as wall time: on a shared machine the other jobs' load moves
            # the wall figure of a one-second run by a factor of two, not the CPU figure.
            t0, c0 = time.perf_counter(), time.process_time()
            out = fn(html, row.get("url") or None)
            score.seconds += time.process_time() - c0
            score.wall_seconds += time.perf_counter() - t0
            score.pages.append(_score(set_name, row, out, now))
        report.tools.append(score)
    return report


def format_report(report: EvalReport) -> str:
    ours = report.tool("ours")
    date_cols = [f"date {f} (n)" for f in report.folders]
    head = [
        "tool",
        "P",
        "R",
        "F1",
        "leak",
        *date_cols,
        "false dates",
        "future",
        "pages/s (CPU)",
        "speed vs ours",
        "wall pages/s",
    ]
    rows = [head]
    for t in report.tools:
        k, n = t.leak_count
        fd, fn = t.false_dates
        dates = []
        for f in report.folders:
            acc, dn = t.date_acc(f)
            dates.append(f"{acc:.3f} ({dn})")
        rows.append(
            [
                t.tool,
                f"{t.mean('precision'):.3f}",
                f"{t.mean('recall'):.3f}",
                f"{t.mean('f1'):.3f}",
                f"{k}/{n}",
                *dates,
                f"{fd}/{fn}",
                str(t.future_count),
                f"{t.pages_per_s:.1f}",
                f"{ours.pages_per_s / t.pages_per_s:.1f}x" if t is not ours else "1.0x",
                f"{t.wall_pages_per_s:.1f}",
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if report.page_count:
        per_page = 1000 * report.decode_seconds / report.page_count
        lines.append(f"decode_html: {per_page:.1f} ms/page, shared by every tool and not in pages/s")
    lines += _format_folds(report)
    lines += _format_worst(ours, report.folders)
    return "\n".join(lines)


def _format_folds(report: EvalReport) -> list[str]:
    """Per set and tool, F1 and date accuracy on each half: a change tuned on A must also
    raise B, else it fits those pages rather than pages like them."""
    lines = ["", "2-fold cross-validation (halves by a hash of the page id): tune on A, check on B"]
    for f in report.folders:
        for t in report.tools:
            parts = []
            if t.text_count(f):
                halves = "  ".join(f"{k} {t.mean('f1', f, k):.3f} ({t.text_count(f, k)})" for k in FOLDS)
                parts.append(f"F1 {t.mean('f1', f):.3f} ({t.text_count(f)}): {halves}")
            if t.date_acc(f)[1]:
                halves = "  ".join(f"{k} {t.date_acc(f, k)[0]:.3f} ({t.date_acc(f, k)[1]})" for k in FOLDS)
                parts.append(f"date {t.date_acc(f)[0]:.3f}: {halves}")
            if parts:
                lines.append(f"  {f:<16} {t.tool:<12} " + " | ".join(parts))
    return lines


def _format_worst(ours: ToolScore, folders: list[str]) -> list[str]:
    lines: list[str] = []
    for f in folders:
        worst = ours.worst(f)
        if not worst:
            continue
        lines += ["", f"worst {len(worst)} pages of {f} (ours): id  fold  F1  P  R  chars"]
        lines += [
            f"  {p.page_id}  {p.fold}  {p.f1:.3f}  {p.precision:.3f}  {p.recall:.3f}  {len(p.body)}"
            for p in worst
        ]
    return lines
