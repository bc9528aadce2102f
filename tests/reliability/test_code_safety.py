"""SQL is parameterised and input never reaches a shell or a file name.

The code is read (with :mod:`ast`) for SQL built by string formatting: every value
formatted into SQL text must be in the reviewed list below, each one an identifier from the
schema declarations, a constant, or a path inside the installed packages, never a value
from input. A new formatted value fails the test until someone reviews it here. Then a real
run is fed URLs and file names made of shell syntax and path tricks, and must create no file
named after them.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

from tests.conftest import ROOT, page
from tests.reliability import harness

PACKAGES = ("wirehouse", "warehouse", "transforms", "expectations", "flows")
_SQL = re.compile(
    r"\b(SELECT|INSERT|DELETE|UPDATE|CREATE|COMMENT ON|DROP|ALTER|ATTACH|COPY|LOAD)\b"
)

#: Values formatted into SQL text, reviewed: what each is and why it is not input.
REVIEWED: dict[str, str] = {
    "table.name": "a table name from transforms/schemas.py declarations",
    "columns": "column names joined from a declared Table",
    "cols": "column definitions from a declared Table (ddl)",
    "key": "key column names from a declared Table",
    "table.key[0]": "a declared key column",
    "qualified": "schema.table of a declared Table",
    "view": "a model name from warehouse.ddl.MIRRORS",
    "column": "a column name read from duckdb_columns() of our own view/table",
    "c.name": "a declared column name",
    "column.name": "a declared column name (schema_upgrade.py)",
    "column.sql": "a declared column's SQL type, from transforms/schemas.py (schema_upgrade.py)",
    "sql_literal(table.grain)": "declared grain text, quoted by sql_literal",
    "sql_literal(c.comment)": "declared comment text, quoted by sql_literal",
    "sql_literal(comment)": "a declared comment of our own table or index, quoted by sql_literal",
    "first": "a constant filter over a declared table and key (loading.py)",
    "position": "a constant struct of DuckDB's read_parquet virtual columns (loading.py)",
    "touched": "a constant subquery over the staged views (loading.py)",
    "CATALOG": "the constant name of the staged views' catalog (staged_files.py)",
    "files": "paths of our own staged parts, each quoted by sql_literal (staged_files.py)",
    "', '.join(typed)": "casts of NULL to declared column types (staged_files.py)",
    "staged.relation(table)": "read_parquet of our own quoted part paths (staged_files.py)",
    "slices": "an int computed from a row count",
    "i": "an int loop index",
    "audit.sql": "SQL from warehouse/audits/*.sql, shipped with the package",
    "_EXAMPLES": "an int constant",
    "', '.join(DQ_RUNS.column_names)": "declared ledger columns",
    "', '.join(DRIFT_METRICS)": "a constant tuple of metric names",
    "DRIFT_WINDOW": "an int constant",
    "extension_path()": "the fts extension file inside the installed duckdb-extension-fts",
    "path": "the fts extension file inside the installed duckdb-extension-fts (fts.py)",
    "schema": "a constant schema name (fts.py; raw, staging or main in schema_upgrade.py)",
    "name": "an index name derived from declared table names (fts.py)",
    "table": "a declared table name (fts.py)",
    "fields": "declared text columns (fts.py)",
    "sql_literal(str(db))": "the warehouse path, quoted by sql_literal (connection.py)",
    "_CATALOG": "the constant name a writing connection gives the warehouse (connection.py)",
    "options": "the constant ATTACH options of a writing connection (connection.py)",
    "scope": "empty, or a load id quoted by sql_literal (audits.py)",
    "key_column": "a declared key column, quoted by sql_literal (fts.py)",
    "sql_literal(f'Full-text index of `{table}` (fts extension): {grain}.')": "declared text",
    "t": "a table name from the constant COUNTED tuple (report_data.py)",
    "load_id": "not SQL: an error message that mentions `SELECT load_id FROM loads`",
}


def _python_files() -> list[Path]:
    return sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


def _formatted_sql() -> list[tuple[str, int, str]]:
    """(file, line, expression) for every value formatted into SQL-looking text."""
    found = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
                if _SQL.search(str(text)):
                    found += [
                        (where, node.lineno, ast.unparse(v.value))
                        for v in node.values
                        if isinstance(v, ast.FormattedValue)
                    ]
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
                if isinstance(node.left, ast.Constant) and _SQL.search(str(node.left.value)):
                    found.append((where, node.lineno, "% formatting"))
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "format"
                and isinstance(node.func.value, ast.Constant)
                and _SQL.search(str(node.func.value.value))
            ):
                found.append((where, node.lineno, ".format()"))
    return found


def test_every_value_formatted_into_sql_is_a_reviewed_identifier() -> None:
    found = _formatted_sql()
    unreviewed = [f"{f}:{line}: {expr}" for f, line, expr in found if expr not in REVIEWED]
    assert not unreviewed, "SQL built from unreviewed values (use ? parameters):\n" + "\n".join(
        unreviewed
    )
    harness.record("code_safety_sql", {"formatted_sql_sites": len(found), "unreviewed": unreviewed})
    assert found  # the scan does see the DDL, which is formatted on purpose


_SHELLS = {("os", "system"), ("os", "popen"), ("os", "spawnl"), ("os", "spawnlp")}
_PROCESSES = {"run", "Popen", "call", "check_call", "check_output", "getoutput"}


def test_no_shell_and_no_command_built_as_a_string() -> None:
    problems, processes = [], []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            owner = node.func.value
            name = owner.id if isinstance(owner, ast.Name) else ""
            if (name, node.func.attr) in _SHELLS:
                problems.append(f"{where}:{node.lineno}: {name}.{node.func.attr}")
            if name == "subprocess" and node.func.attr in _PROCESSES:
                processes.append(f"{where}:{node.lineno}")
                if any(k.arg == "shell" for k in node.keywords):
                    problems.append(f"{where}:{node.lineno}: shell=")
                if node.args and not isinstance(node.args[0], ast.List):
                    problems.append(f"{where}:{node.lineno}: command not an argument list")
            if name == "os" and node.func.attr.startswith("exec"):
                processes.append(f"{where}:{node.lineno}")
    assert not problems, problems
    harness.record("code_safety_processes", {"process_sites": processes, "problems": problems})


EVIL_NAMES = ("$(touch PWNED-name)", "a;touch PWNED-semi", "`touch PWNED-tick`")


def test_urls_and_file_names_never_become_files_or_commands(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n, evil in enumerate(EVIL_NAMES):
        url = f"https://evil.example/{evil}/../../../../tmp/PWNED-url-{n}.html"
        (inputs / f"{evil}.html").write_text(page(url=url, title=evil), encoding="utf-8")
    records = [
        {"url": "https://evil.example/../../etc/passwd", "html": page(url=None)},
        {"url": "file:///etc/passwd", "text": "x " * 400},
        {"url": "https://evil.example/x?q=$(touch PWNED-q)", "html": page(url=None)},
    ]
    (inputs / "evil.jsonl").write_text("\n".join(json.dumps(r) for r in records), "utf-8")
    home = tmp_path / "home"
    home.mkdir()
    db = home / "w.duckdb"
    before = {p for p in ROOT.rglob("PWNED*")}
    done = harness.wirehouse("ingest", inputs, "--db", db, "--inline", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["loaded"]["articles"] >= 3
    created = sorted(str(p.relative_to(home)) for p in home.rglob("*"))
    assert not [c for c in created if "PWNED" in c or "evil" in c], created
    assert not list(tmp_path.rglob("PWNED-*")) and not list(Path("/tmp").glob("PWNED-*"))
    assert {p for p in ROOT.rglob("PWNED*")} == before
    top = {c.split("/")[0] for c in created}
    # Only the warehouse, its lock and WAL, and folders named by load id.
    assert top <= {"w.duckdb", "w.duckdb.lock", "w.duckdb.wal", "data-docs", "reports"}, top
