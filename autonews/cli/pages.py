"""Commands over saved pages: ``extract`` and ``clean``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from autonews.sites import SITES, get_site
from autonews.text.clean import COMMON_RULES, clean_text


def _content_type(encoding: str | None) -> str | None:
    return f"text/html; charset={encoding}" if encoding else None


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--site", type=click.Choice(sorted(SITES)), help="Use this site's selectors first.")
@click.option("--generic", is_flag=True, help="Skip site selectors; use the generic reader.")
@click.option("--url", help="The page's URL (dates and links are read relative to it).")
@click.option("--encoding", help="The charset an HTTP header declared for the file(s).")
@click.option(
    "--manifest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help='JSONL rows {"path", "url", "encoding"} instead of FILE arguments.',
)
@click.option("--jsonl", is_flag=True, help="One compact JSON object per line.")
def extract(files, site, generic, url, encoding, manifest, jsonl) -> None:
    """Print the fields of saved article pages (raw bytes in) as JSON.

    Without --site/--generic the site is chosen from the URL's host, else generic.

    \b
    Example:
        autonews extract page.html --url http://www.qi-che.com/hangye/xinwen-20241021270778.html
    """
    from autonews.extract import extract_article

    if site and generic:
        raise click.UsageError("--site and --generic exclude each other")
    jobs = [(path, url or path.resolve().as_uri(), encoding) for path in files]
    if manifest:
        jobs += _manifest_jobs(manifest)
    if not jobs:
        raise click.UsageError("give FILE arguments or --manifest")
    profile = get_site(site) if site else None
    for _, page_url, _ in jobs:
        try:
            urlsplit(page_url).port  # noqa: B018 - parsing is the check ("http://[::1" raises)
        except ValueError as exc:
            raise click.UsageError(f"not a URL: {page_url!r} ({exc})") from exc
    for path, page_url, charset in jobs:
        try:
            body = Path(path).read_bytes()
        except OSError as exc:
            raise click.ClickException(f"cannot read {path}: {exc.strerror}") from exc
        result = extract_article(
            body, page_url, content_type=_content_type(charset), site=profile, generic=generic
        )
        result["path"] = str(path)
        indent = None if jsonl or len(jobs) > 1 else 2
        click.echo(json.dumps(result, ensure_ascii=False, indent=indent))


def _manifest_jobs(manifest: Path) -> list[tuple[Path, str, str | None]]:
    jobs = []
    for lineno, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            path = Path(row["path"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise click.ClickException(f"{manifest}:{lineno}: bad manifest row ({exc})") from exc
        if not path.is_absolute():
            path = manifest.parent / path
        jobs.append((path, row.get("url") or path.resolve().as_uri(), row.get("encoding")))
    return jobs


@click.command()
@click.option("--site", type=click.Choice(sorted(SITES)), help="Apply this site's disclaimer rules too.")
def clean(site: str | None) -> None:
    """Read raw page text (one paragraph per line) on stdin, print the body alone.

    \b
    Example:
        autonews clean --site qiche < ../shared/seeds/000_a923c0f58dc518cb.txt
    """
    rules = get_site(site).rules() if site else COMMON_RULES
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("gb18030", errors="replace")
    body = clean_text(text, rules)
    if body:
        click.echo(body)


@click.command(name="eval")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--compare", default="", help="Comma list of anchors to run on the same pages: trafilatura,gne."
)
@click.option(
    "--perturb",
    is_flag=True,
    help="Also score the bodies with each page's markup changed (no classes, nesting, …).",
)
def evaluate(folder: Path, compare: str, perturb: bool) -> None:
    """Score the generic extractor on pages with gold text and dates (index.jsonl format).

    FOLDER holds <id>.html and index.jsonl, or sub-folders that do.  Prints P/R/F1,
    leak rate, date accuracy and pages/s; --compare runs anchors (pip install '.[eval]').

    \b
    Example:
        autonews eval ../shared/eval --compare trafilatura,gne
        autonews eval ../shared/eval-en --perturb
    """
    from autonews.evaluate.measure import format_report, run_eval

    tools = [t.strip() for t in compare.split(",") if t.strip()]
    try:
        report = run_eval(folder, compare=tools)
    except (ImportError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_report(report))
    if perturb:
        from autonews.evaluate.perturb import format_perturb, run_perturb

        click.echo(format_perturb(run_perturb(folder)))
