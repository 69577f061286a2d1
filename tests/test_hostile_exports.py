"""About a hundred hostile text values through every export: CSV, JSON Lines, Markdown, HTML.

People's names travel from their own machine into a team lead's spreadsheet, SQL engine
and browser; a name must never become a formula, a broken row, markup or a path.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import payload
from tests.helpers import TINY_DIR, answers_file

FORMULA = ["=1+1", "+1", "-1", "@SUM(A1:A2)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")", "+cmd|' /C calc'!A0",
           "-2+3", "@cmd", "=cmd|'/c calc'!A1", "=1", "+", "-", "@"]
SPACED = [" =1+1", "  +1", "\n=1", " @x", "'=1", "\u3000=1"]
QUOTES = ['"', '""', "'", "a\"b", "a'b", "\"=1\"", "`x`", "‘’“”"]
SEPARATORS = [",", ";", "|", "a,b", "a;b", "a|b", "|=1|", "a\tb", "\\", "a\\|b"]
NEWLINES = ["a\nb", "a\r\nb", "a\rb", "\n", "a\u2028b", "a\u2029b", "a\x85b", "line1\nline2\nline3"]
CONTROL = ["a\x00b", "\x00", "a\x01b", "\x1b[31mred", "a\x7fb", "\x08"]
BIDI = ["\u202eevil.exe", "a\u202db", "\u2066x\u2069", "\u200bzero", "\ufeffbom", "\u200f"]
MARKUP = ["<script>alert(1)</script>", "<b>bold</b>", "<img src=x onerror=alert(1)>", "&amp;", "&lt;", "</td>",
          "<!--", "]]>", "{{ 7*7 }}", "{% raw %}", "${7*7}", "#{7*7}", "*bold*", "_it_", "# heading", "[x](y)",
          "<svg onload=alert(1)>", "javascript:alert(1)", "<style>*{}</style>", "<iframe>"]
PATHS = ["../../evil", "/etc/passwd", "CON", "nul", "COM1.txt", "..", ".", ".hidden", "a/b", "a\\b", "C:\\x",
         "x" * 300, "名" * 120]
OTHER = ["李伟", "王芳 ", " 张三", "😀", "👨‍👩‍👧", "NaN", "Infinity", "-Infinity", "null", "true", "1e999", "0x1F",
         "007", "1,5", "-1.5"]

HOSTILE = FORMULA + SPACED + QUOTES + SEPARATORS + NEWLINES + CONTROL + BIDI + MARKUP + PATHS + OTHER


def test_the_corpus_is_about_a_hundred_distinct_values() -> None:
    assert len(set(HOSTILE)) >= 100


@pytest.fixture(scope="module")
def team_outputs(tmp_path_factory) -> dict[str, object]:
    """Every hostile name assessed, exported, imported and summarised, once for the module."""
    from click.testing import CliRunner

    from careerkit.cli import cli

    base = tmp_path_factory.mktemp("hostile")
    env = {"CAREERKIT_HOME": str(base / "home"), "CAREERKIT_LANG": "en", "NO_COLOR": "1", "COLUMNS": "100"}
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(cli, ["--models-dir", str(TINY_DIR), *args], env=env, catch_exceptions=False)

    inbox = base / "inbox"
    inbox.mkdir()
    names: list[str] = []
    for i, name in enumerate(HOSTILE):
        if not name.strip().replace("\x00", ""):
            continue  # a blank name is refused before anything is written (tested below)
        path = answers_file(base / "answers", f"a{i}.json", model="tiny", person=name, role="junior",
                            ratings={"alpha.one": 1 + i % 3, "alpha.two": 2, "beta.one": 1 + i % 2})
        res = run("assess", "--allow-partial", "--answers", str(path), "--json")
        if res.exit_code != 0:
            assert res.exit_code == 2 and "error:" in res.stderr, (repr(name), res.output)
            continue
        stored = payload(res.stdout)["person"]
        if stored in names:
            continue  # " 张三" and "张三" are one person
        names.append(stored)
        res = run("export", "--person", stored, "-o", str(inbox))
        assert res.exit_code == 0, (repr(name), res.stderr)
    res = run("team", "import", str(inbox))
    assert res.exit_code == 0, res.stderr
    outputs: dict[str, object] = {"names": names, "inbox": sorted(p.name for p in inbox.iterdir()), "inbox_dir": inbox}
    for fmt in ("csv", "jsonl", "md", "html"):
        target = base / f"summary.{fmt}"
        res = run("team", "summary", "--format", fmt, "-o", str(target))
        assert res.exit_code == 0, res.stderr
        outputs[fmt] = target.read_bytes()
    return outputs


def test_most_hostile_names_made_it_through(team_outputs) -> None:
    assert len(team_outputs["names"]) >= 75  # the rest are refused names (control characters) or duplicates


def test_csv_cells_are_neutralised_rfc4180_valid_and_numbers_stay_numbers(team_outputs) -> None:
    raw: bytes = team_outputs["csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    width = len(rows[0])
    assert all(len(row) == width for row in rows if row), "a hostile value broke the row structure"
    numeric = re.compile(r"-?\d+(\.\d+)?\Z")
    for row in rows[1:]:
        for value in row:
            if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                assert numeric.match(value), f"formula-like cell not neutralised: {value!r}"
    person_cells = {row[1] for row in rows if row and row[0] == "person"} | {row[0] for row in rows}
    for name in team_outputs["names"]:
        if name[:1] in ("=", "+", "-", "@", "\t", "\r"):
            assert ("'" + name).replace("\x00", "\ufffd") in person_cells or any(
                c.startswith("'") and name.replace("\x00", "\ufffd") in c for c in person_cells), repr(name)
    assert "\x00" not in text
    # raw RFC 4180: any field holding a quote, comma or line break is quoted
    assert "\r\n" in text


def test_jsonl_is_strict_json_one_row_per_line_and_names_round_trip(team_outputs) -> None:
    lines = team_outputs["jsonl"].decode("utf-8").split("\n")
    assert lines[-1] == ""

    def no_constants(token: str) -> None:
        raise AssertionError(f"non-strict JSON constant {token}")

    rows = [json.loads(line, parse_constant=no_constants) for line in lines[:-1]]
    seen = {row["person"] for row in rows}
    assert set(team_outputs["names"]) <= seen
    for row in rows:
        assert row["score"] is None or isinstance(row["score"], (int, float))


def test_markdown_table_cells_are_escaped(team_outputs) -> None:
    text = team_outputs["md"].decode("utf-8")
    tables = [ln for ln in text.splitlines() if ln.startswith("|")]
    assert tables
    for line in tables:
        cells = re.split(r"(?<!\\)\|", line)
        assert len(cells) >= 3, line
    header_widths = {}
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            block.append(line)
        elif block:
            counts = {len(re.split(r"(?<!\\)\|", b)) for b in block}
            assert len(counts) == 1, block[:3]
            header_widths[block[0]] = counts
            block = []
    assert not re.search(r"(?<!\\)<", text), "a raw '<' would let a Markdown viewer render HTML"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        self.text.append(data)


def test_html_escapes_every_name(team_outputs) -> None:
    html = team_outputs["html"].decode("utf-8")
    parser = _Collector()
    parser.feed(html)
    assert "script" not in parser.tags and "iframe" not in parser.tags and "img" not in parser.tags
    assert not [a for a, _ in parser.attrs if a.startswith("on")]
    body = "".join(parser.text)
    assert "<script>alert(1)</script>" in body  # shown as text, exactly
    assert "{{ 7*7 }}" in body


def test_export_file_names_from_names_stay_inside_the_folder(team_outputs) -> None:
    inbox: Path = team_outputs["inbox_dir"]
    names = team_outputs["inbox"]
    assert len(names) == len(team_outputs["names"])
    for name in names:
        assert (inbox / name).resolve().parent == inbox.resolve()
        assert not name.startswith(".") and "/" not in name and "\\" not in name
        assert len(name.encode("utf-8")) <= 255
        assert name.split(".")[0].upper() not in {"CON", "NUL", "COM1", "PRN", "AUX"}


def test_a_blank_or_control_only_name_is_refused(run, tmp_path: Path, home: Path) -> None:
    for name in ("   ", "\n", "\x00"):
        path = answers_file(tmp_path, "blank.json", model="tiny", person=name, ratings={})
        res = run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path))
        assert res.exit_code == 2 and "error:" in res.stderr, repr(name)
    assert not (home / "data").exists()


def test_exports_never_overwrite_without_force(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "a.json", model="tiny", person="Ann", ratings={"alpha.one": 2})
    assert run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(path)).exit_code == 0
    target = tmp_path / "out.json"
    target.write_text("precious", encoding="utf-8")
    res = run("export", "--person", "Ann", "-o", str(target))
    assert res.exit_code == 2 and target.read_text(encoding="utf-8") == "precious"
    assert run("export", "--person", "Ann", "-o", str(target), "--force").exit_code == 0


def test_an_export_to_a_full_device_is_a_one_line_error(run, tmp_path: Path) -> None:
    path = answers_file(tmp_path, "a.json", model="tiny", person="Ann", ratings={"alpha.one": 2, "beta.one": 2})
    run("--models-dir", str(TINY_DIR), "assess", "--answers", str(path))  # complete: plan says nothing else
    for args in (("export", "--person", "Ann", "-o", "/dev/full"),
                 ("backup", "-o", "/dev/full", "--force"),
                 ("--models-dir", str(TINY_DIR), "plan", "--person", "Ann", "--format", "md", "-o", "/dev/full")):
        res = run(*args)
        assert res.exit_code == 3, (args, res.output)
        assert "/dev/full" in res.stderr and "No space left on device" in res.stderr
        assert len(res.stderr.strip().splitlines()) == 1
