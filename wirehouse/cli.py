"""``wirehouse``: the command line, a thin layer over :mod:`wirehouse.api`.

Exit codes: 0 done, 1 the run failed, 2 bad usage. Errors print as one red line naming
what is at fault; ``--debug`` adds the traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from wirehouse.errors import UsageError, WirehouseError

app = typer.Typer(
    name="wirehouse",
    help="News articles into a DuckDB warehouse of articles, quotes and events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)


def _version(value: bool) -> None:
    if value:
        from wirehouse import __version__

        print(f"wirehouse {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """News articles into a DuckDB warehouse of articles, quotes and events."""


Db = Annotated[
    Path | None,
    typer.Option("--db", help="Warehouse file [env WIREHOUSE_DB; default data/warehouse.duckdb]."),
]
Sources = Annotated[
    Path | None,
    typer.Option("--sources", help="Sources file [env WIREHOUSE_SOURCES; default sources.toml]."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print nothing unless it fails.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]
Inline = Annotated[
    bool, typer.Option("--inline", help="Run the stages directly instead of as a Prefect flow.")
]


def _settings(db: Path | None, sources: Path | None = None, inline: bool = False) -> Any:
    from wirehouse.logs import configure_logging
    from wirehouse.settings import Settings

    configure_logging()
    overrides: dict[str, Any] = {}
    if db is not None:
        overrides["db"] = db
    if sources is not None:
        overrides["sources"] = sources
    if inline:
        overrides["orchestrator"] = "inline"
    return Settings(**overrides)


def _fail(exc: BaseException, debug: bool) -> NoReturn:
    if debug:
        err.print_exception()
    code = exc.exit_code if isinstance(exc, WirehouseError) else 1
    err.print(f"[red]error:[/] {exc}", soft_wrap=True)
    raise typer.Exit(code)


def _report(action: Any, as_json: bool, quiet: bool, debug: bool) -> None:
    from wirehouse.progress_view import progress_bar
    from wirehouse.summary import render_summary, summary_json

    try:
        with progress_bar(err, enabled=not (quiet or as_json)):
            summary = action()
    except (WirehouseError, Exception) as exc:  # noqa: BLE001 - every failure gets one line
        _fail(exc, debug)
    if as_json:
        out.print_json(summary_json(summary))
    elif not quiet:
        render_summary(summary, out)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Pages, JSONL files, or folders of them.")],
    db: Db = None,
    as_json: AsJson = False,
    quiet: Quiet = False,
    debug: Debug = False,
    inline: Inline = False,
) -> None:
    """Load local HTML pages and JSONL records."""
    from wirehouse import api

    settings = _settings(db, inline=inline)
    _report(lambda: api.ingest(paths, settings=settings), as_json, quiet, debug)


@app.command()
def run(
    db: Db = None,
    sources: Sources = None,
    as_json: AsJson = False,
    quiet: Quiet = False,
    debug: Debug = False,
    inline: Inline = False,
) -> None:
    """The nightly job: load what is new in every configured source."""
    from wirehouse import api

    settings = _settings(db, sources, inline)
    _report(lambda: api.run(settings=settings), as_json, quiet, debug)


@app.command()
def backfill(
    start: Annotated[str, typer.Option("--start", help="First publication day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--end", help="Last publication day, YYYY-MM-DD.")],
    db: Db = None,
    sources: Sources = None,
    as_json: AsJson = False,
    quiet: Quiet = False,
    debug: Debug = False,
    inline: Inline = False,
) -> None:
    """Load the configured sources' articles published in a date range (cursor untouched)."""
    from wirehouse import api

    settings = _settings(db, sources, inline)
    _report(lambda: api.backfill(start, end, settings=settings), as_json, quiet, debug)


@app.command()
def serve(db: Db = None, sources: Sources = None, debug: Debug = False) -> None:
    """Run the nightly job on its cron schedule (a Prefect deployment) until interrupted."""
    from wirehouse import api

    try:
        api.serve(settings=_settings(db, sources))
    except KeyboardInterrupt:
        pass  # stopping the server is how serving ends
    except Exception as exc:  # noqa: BLE001 - one red line and an exit code, like every command
        _fail(exc, debug)


@app.command()
def reprocess(
    db: Db = None,
    as_json: AsJson = False,
    quiet: Quiet = False,
    debug: Debug = False,
    inline: Inline = False,
) -> None:
    """Rebuild every derived table from the stored raw pages (no network, cursor untouched)."""
    from wirehouse import api

    settings = _settings(db, inline=inline)
    _report(lambda: api.reprocess(settings=settings), as_json, quiet, debug)


@app.command()
def validate(db: Db = None, as_json: AsJson = False, debug: Debug = False) -> None:
    """Re-run the data-quality checks and audits on the warehouse as it is now."""
    from dataclasses import asdict

    from wirehouse import api

    settings = _settings(db)
    try:
        summary = api.validate(settings=settings)
    except WirehouseError as exc:
        _fail(exc, debug)
    if as_json:
        out.print_json(json.dumps(asdict(summary), default=str))
    else:
        colour, word = ("green", "passed") if summary.ok else ("red", "failed")
        checked = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
        out.print(f"[bold {colour}]{word}[/]  {summary.validation_id}  in {summary.seconds:.1f} s")
        out.print(f"checked: {checked}")
        for line in summary.warnings[:10]:
            out.print(f"[yellow]warning[/] {line}")
        for line in summary.failures[:10]:
            out.print(f"[red]critical[/] {line}")
    if not summary.ok:
        raise typer.Exit(1)


@app.command()
def sql(
    query: Annotated[
        str | None, typer.Argument(help="One query; omit for the DuckDB shell.")
    ] = None,
    db: Db = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    debug: Debug = False,
) -> None:
    """Query the warehouse read-only: one query's result, or an interactive DuckDB shell."""
    from wirehouse import api

    settings = _settings(db)
    try:
        if query is None:
            command = api.duckdb_shell_command(settings)
            os.execv(command[0], command)  # replaces this process: the shell owns the terminal
        if fmt == "table":
            api.show(query, settings=settings, max_width=shutil.get_terminal_size().columns)
            return
        columns, rows = api.query(query, settings=settings)
    except WirehouseError as exc:
        _fail(exc, debug)
    _print_rows(columns, rows, fmt)


def _print_rows(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    if fmt == "json":
        out.print_json(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], default=str))
        return
    if fmt == "csv":
        import csv

        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return


@app.command()
def search(
    text: Annotated[str | None, typer.Argument(help="Words to search for.")] = None,
    kind: Annotated[
        str, typer.Option("--kind", help="articles (title and text) or quotes.")
    ] = "articles",
    limit: Annotated[int, typer.Option("--limit", "-n", help="Hits to show.")] = 10,
    reindex: Annotated[
        bool, typer.Option("--reindex", help="Rebuild the search index first.")
    ] = False,
    db: Db = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    debug: Debug = False,
) -> None:
    """Full-text search of articles or quotes, best matches (BM25) first."""
    from wirehouse import api

    settings = _settings(db)
    if text is None and not reindex:
        _fail(UsageError("search: give some words to search for (or --reindex)"), debug)
    try:
        if reindex:
            seconds = api.build_search_index(settings=settings)
            err.print(f"search index rebuilt in {seconds:.2f} s")
        if text is None:
            return
        result = api.search(text, kind=kind, limit=limit, settings=settings)
    except WirehouseError as exc:
        _fail(exc, debug)
    for note in result.notes:
        err.print(f"[yellow]note:[/] {note}", soft_wrap=True)
    if fmt != "table":
        _print_rows(result.columns, result.rows, fmt)
        return
    _print_hits(result.columns, result.rows)


def _print_hits(columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """One block per hit (score, headline, where and when, the quote, the URL): readable at
    any terminal width, unlike a table of long text columns."""
    from rich.markup import escape

    if not rows:
        out.print("no matches")
    for row in rows:
        hit = dict(zip(columns, row, strict=True))
        score = "     " if hit["score"] is None else f"{hit['score']:5.2f}"
        head = hit.get("title") or hit.get("speaker") or "(unresolved speaker)"
        where = f"{hit.get('outlet') or ''}, {hit.get('published') or 'undated'}"
        out.print(f"[bold]{score}  {escape(str(head))}[/]  [dim]{escape(where)}[/]")
        if "quote" in hit:
            out.print(f"       “{escape(str(hit['quote']))}”")
        out.print(f"       [dim]{escape(str(hit['url']))}[/]", soft_wrap=True)


@app.command("report")
def run_report(
    load: Annotated[
        str | None, typer.Option("--load", help="The run's load_id; default: the newest.")
    ] = None,
    db: Db = None,
    debug: Debug = False,
) -> None:
    """Write the HTML report of a run (beside the warehouse, in reports/)."""
    from wirehouse import api

    settings = _settings(db)
    try:
        page = api.report(load, settings=settings)
    except WirehouseError as exc:
        _fail(exc, debug)
    out.print(f"report: {page}")


@app.command("eval")
def evaluate(
    suites: Annotated[
        list[str] | None, typer.Argument(help="extraction, dates, quotes, events (all if none).")
    ] = None,
    corpora: Annotated[
        Path | None, typer.Option("--corpora", help="[env WIREHOUSE_CORPORA; ../shared/corpora]")
    ] = None,
    split: Annotated[str, typer.Option("--split", help="PolNeAR split: dev or test.")] = "dev",
    as_json: AsJson = False,
    debug: Debug = False,
) -> None:
    """Score extraction, dates, quotes and events on the shared corpora and the sample gold."""
    from wirehouse.evaluation.metrics import format_table
    from wirehouse.evaluation.suite import run_evaluation

    try:
        metrics = run_evaluation(suites or [], corpora=corpora, split=split)
    except WirehouseError as exc:
        _fail(exc, debug)
    if as_json:
        from dataclasses import asdict

        out.print_json(json.dumps([asdict(m) for m in metrics], default=str))
    else:
        print(format_table(metrics))


def main() -> None:
    app()
