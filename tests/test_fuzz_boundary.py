"""The whole boundary under generated hostile values (issue 11, the battery widened).

Every reader of outside data — a model, an answers file, a bundle, a backup archive, a
template, the profile — gets documents whose fields are replaced by hostile values: huge
and non-finite numbers, deep nesting, control, escape-sequence and direction characters,
rich markup, template syntax, wrong types at every field. Each command that reads one
must end in exit 0 or 2, never 1 (an internal error) or a traceback; when it exits 2 the
home folder is byte for byte what it was; and nothing it prints carries a control
character a terminal would act on.

Each example runs the real root command in-process on a copy of a prepared home. CI
explores the same examples every run (tests/conftest.py's "ci" profile); set
CAREERKIT_FUZZ_EXAMPLES for a longer local hunt.
"""

from __future__ import annotations

import copy
import hashlib
import io
import json
import os
import re
import shutil
import tarfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, Runner, no_traceback, payload
from tests.helpers import TINY_DIR, store_bytes

EXAMPLES = int(os.environ.get("CAREERKIT_FUZZ_EXAMPLES", "30"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                           HealthCheck.data_too_large, HealthCheck.large_base_example])

TINY_MODEL = yaml.safe_load((FIXTURES / "models" / "tiny.yaml").read_text(encoding="utf-8"))
ANSWERS = {"model": "tiny", "person": "Ann", "role": "junior", "date": "2026-03-01",
           "ratings": {"alpha.one": 3, "alpha.two": None, "beta.one": 1}, "notes": {"alpha.one": "ok"}}
CONFIG = {"person": "Ann", "model": "tiny", "role": "junior", "lang": "en"}
# what a terminal acts on: C0 (but tab and newline), DEL, C1, direction embeddings, overrides and isolates
RAW_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# ----------------------------------------------------------------------------- hostile values

TRICKY = ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x9b", "\x9d", "\r", "\u200b", "\u200e", "\u202e", "\u2066",
          "\u2028", "\ufeff", "[", "]", "/", "\\", "{", "}", "%", "<", ">", "&", "'", '"', ":", "a", "李", " ", "А"]
hostile_text = st.one_of(
    st.text(alphabet=st.sampled_from(TRICKY), max_size=12),
    st.sampled_from(["[/]", "[bold red]x", "\x1b]0;PWNED\x07", "\x1b[2J\x1b[31mRED",
                     "\x1b]8;;http://x.test/\x07link\x1b]8;;\x07", "\x1b]52;c;cm0gLXJm\x07", "\u202eevil",
                     "Ann\u200b", "\u0410nn", "{{ 7*7 }}", "{% raw %}", "<script>alert(1)</script>",
                     "=HYPERLINK(\"http://x\")", "9999-12-31", "[/]2026-11-28", "", " ", "-1", "1e999", "NaN",
                     "../../etc/passwd", "/abs", "a" * 300, "yes", "~", "0x1F"]),
)
hostile_number = st.one_of(
    st.integers(-2**70, 2**70), st.integers(10**300, 10**400), st.just(10**4000), st.just(-(10**4000)),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -0.0, 5e-324, 2**53 + 1]),
)
hostile_scalar = st.one_of(st.none(), st.booleans(), hostile_number, hostile_text)
hostile_value = st.recursive(hostile_scalar, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(hostile_text, inner, max_size=3)), max_leaves=8)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _paths(value, (*prefix, i))
    return out


def _get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


@st.composite
def hostile(draw, base: Any, *, max_depth: int = 120) -> Any:
    """``base`` with one to four of its fields replaced, deleted, nested deeply, renamed or given a hostile twin."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        candidates = [p for p in _paths(data) if p]
        if not candidates:
            break
        if draw(st.booleans()):  # half the time a field near the top: a document has few, and many deep ones
            candidates = [p for p in candidates if len(p) <= 2]
        path = draw(st.sampled_from(candidates))
        parent, last = _get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "nest", "rename", "add"]))
        if action == "replace":
            parent[last] = draw(hostile_value)
        elif action == "delete":
            del parent[last]
        elif action == "nest":
            value = parent[last]
            for _ in range(draw(st.integers(1, max_depth))):
                value = draw(st.sampled_from([[value], {"k": value}]))
            parent[last] = value
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(hostile_text)] = parent.pop(last)
        elif action == "add" and isinstance(parent, dict):
            parent[draw(hostile_text)] = draw(hostile_value)
        elif action == "add" and isinstance(parent, list):
            parent.append(draw(hostile_value))
    return data


# ----------------------------------------------------------------------------- the checks


def check(home: Path, *args: str, runner: Runner) -> int:
    """Run one command on ``home``: exit 0 or 2, no traceback, no raw control character; on 2, nothing changed."""
    before = store_bytes(home)
    res = runner("--home", str(home), *args)
    text = res.stdout + res.stderr
    assert res.exit_code in (0, 2), f"exit {res.exit_code} from {args}:\n{text[-2000:]}"
    assert no_traceback(text) and "internal error" not in text, text[-2000:]
    assert not RAW_CONTROLS.search(text), (args, RAW_CONTROLS.findall(text)[:5], text[-600:])
    if res.exit_code == 2:
        assert store_bytes(home) == before, f"{args} exited 2 but changed the home folder"
    return res.exit_code


def yaml_text(data: Any) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, RecursionError, ValueError):
        return "{"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A home with Ann's profile, an assessment, a habit, a team holding her bundle; her bundle and a backup."""
    runner = Runner()
    root = tmp_path_factory.mktemp("prepared")
    home = root / "home"
    answers = root / "a.yaml"
    answers.write_text(yaml_text(ANSWERS), encoding="utf-8")
    common = ("--home", str(home), "--models-dir", str(TINY_DIR))
    assert runner(*common, "assess", "--answers", str(answers)).exit_code == 0
    assert runner(*common, "habits", "add", "Read").exit_code == 0
    (home / "config.toml").write_text("".join(f"{k} = {json.dumps(v)}\n" for k, v in CONFIG.items()),
                                      encoding="utf-8")
    own = root / "ann.json"
    assert runner(*common, "export", "--person", "Ann", "-o", str(own)).exit_code == 0
    assert runner(*common, "team", "import", str(own)).exit_code == 0
    archive = root / "backup.tar.gz"
    assert runner(*common, "backup", "-o", str(archive)).exit_code == 0, "backup"
    return {"home": home, "bundle": json.loads(own.read_bytes()), "archive": archive.read_bytes(),
            "answers": answers}


def fresh(prepared: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the prepared home, and a folder for the hostile file."""
    work = tmp_path_factory.mktemp("x")
    shutil.copytree(prepared["home"], work / "home", symlinks=True)
    return work / "home", work


# ----------------------------------------------------------------------------- the readers


@SETTINGS
@given(data=st.data())
def test_hostile_models(prepared, tmp_path_factory, data) -> None:
    home, work = fresh(prepared, tmp_path_factory)
    models = work / "models"
    models.mkdir()
    (models / "tiny.yaml").write_text(yaml_text(data.draw(hostile(TINY_MODEL, max_depth=60))), encoding="utf-8")
    runner = Runner()
    check(home, "models", "validate", str(models / "tiny.yaml"), runner=runner)
    for args in (("models", "show", "tiny"), ("models", "list"), ("assess", "--answers", str(prepared["answers"])),
                 ("history",), ("roles",)):
        check(home, "--models-dir", str(models), *args, runner=runner)


@SETTINGS
@given(data=st.data())
def test_hostile_answers(prepared, tmp_path_factory, data) -> None:
    home, work = fresh(prepared, tmp_path_factory)
    answers = work / "answers.yaml"
    answers.write_text(yaml_text(data.draw(hostile(ANSWERS, max_depth=60))), encoding="utf-8")
    runner = Runner()
    models = ("--models-dir", str(TINY_DIR))
    check(home, *models, "assess", "--answers", str(answers), runner=runner)
    for args in (("history",), ("progress",), ("history", "--json")):
        check(home, *models, *args, runner=runner)
    latest = payload(runner("--home", str(home), *models, "history", "--json").stdout)[0]["id"]
    check(home, *models, "show", latest, runner=runner)


def forge_bundle(content: Any) -> bytes:
    """The bundle's bytes with a checksum over exactly those bytes: the content alone is hostile."""
    if isinstance(content, dict):
        content.pop("checksum", None)
        models = content.get("models")
        if isinstance(models, dict):  # re-digest what can be, so mutations reach the model checks
            renamed = {}
            for key, model in models.items():
                try:
                    renamed[key] = hashlib.sha256(json.dumps(model, sort_keys=True, ensure_ascii=False,
                                                             separators=(",", ":")).encode()).hexdigest()
                except (ValueError, TypeError, RecursionError):
                    continue
            content["models"] = {renamed.get(k, k): v for k, v in models.items()}
            items = content.get("assessments")
            for item in items if isinstance(items, list) else []:
                if isinstance(item, dict) and isinstance(item.get("model"), dict) \
                        and isinstance(item["model"].get("digest"), str) and item["model"]["digest"] in renamed:
                    item["model"]["digest"] = renamed[item["model"]["digest"]]
    try:
        body = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    except (ValueError, TypeError, RecursionError):
        return b"{"
    if not body.startswith(b"{") or body == b"{}":
        return body
    digest = hashlib.sha256(body).hexdigest()
    return body[:-1] + b',"checksum":"sha256:' + digest.encode() + b'"}\n'


@SETTINGS
@given(data=st.data())
def test_hostile_bundles(prepared, tmp_path_factory, data) -> None:
    home, work = fresh(prepared, tmp_path_factory)
    base = copy.deepcopy(prepared["bundle"])
    base["person"] = data.draw(st.sampled_from(["Ann", "Bo", "\u0410nn", "Ann\u200b"]))
    for item in base["assessments"]:
        item["person"] = base["person"]
    (work / "b.json").write_bytes(forge_bundle(data.draw(hostile(base, max_depth=300))))
    runner = Runner()
    check(home, "team", "import", str(work / "b.json"), runner=runner)
    for args in (("team", "list"), ("team", "summary"), ("team", "summary", "--format", "csv", "-o", "-"),
                 ("team", "list", "--json")):
        check(home, *args, runner=runner)


def forge_archive(manifest: Any, members: dict[str, bytes]) -> bytes:
    """A backup archive of ``members`` with ``manifest``, its checksum recomputed where the files list allows."""
    if isinstance(manifest, dict):
        try:
            entries = manifest.get("files")
            manifest["checksum"] = hashlib.sha256(json.dumps(entries, sort_keys=True, separators=(",", ":"),
                                                             ensure_ascii=False).encode()).hexdigest()
        except (ValueError, TypeError, RecursionError):
            pass
    try:
        text = json.dumps(manifest, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (ValueError, TypeError, RecursionError):
        text = b"{"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
        for name, data in [("careerkit-backup/manifest.json", text), *members.items()]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o600
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@SETTINGS
@given(data=st.data())
def test_hostile_archives(prepared, tmp_path_factory, data) -> None:
    home, work = fresh(prepared, tmp_path_factory)
    members: dict[str, bytes] = {}
    manifest: Any = None
    with tarfile.open(fileobj=io.BytesIO(prepared["archive"]), mode="r:gz") as tar:
        for member in tar:
            extracted = tar.extractfile(member)
            raw = extracted.read() if extracted else b""
            if member.name.endswith("/manifest.json"):
                manifest = json.loads(raw)
            else:
                members[member.name] = raw
    manifest = data.draw(hostile(manifest, max_depth=60))
    if data.draw(st.booleans()):  # a hostile store file the manifest vouches for
        name = data.draw(st.sampled_from(sorted(members)))
        damaged = yaml_text(data.draw(hostile_value)).encode("utf-8", "surrogatepass")
        members[name] = damaged
        for entry in manifest.get("files", []) if isinstance(manifest, dict) else []:
            if isinstance(entry, dict) and f"careerkit-backup/files/{entry.get('path')}" == name:
                entry.update(size=len(damaged), sha256=hashlib.sha256(damaged).hexdigest())
    (work / "b.tar.gz").write_bytes(forge_archive(manifest, members))
    runner = Runner()
    models = ("--models-dir", str(TINY_DIR))
    check(home, "restore", str(work / "b.tar.gz"), "--yes", runner=runner)
    for args in (("history",), ("habits", "list"), ("team", "list"), ("doctor",)):
        code = runner("--home", str(home), *models, *args).exit_code
        assert code in (0, 2), (args, code)


TEMPLATE_PIECES = st.sampled_from([
    "{{ person }}", "{{ 10 ** 300000 }}", "{{ (10 ** 3000000) % 7 }}", "{{ 'x' * 300000000 }}",
    "{{ [1] * 300000000 }}", "{{ 'x'|center(300000000) }}", "{{ '%0300000000d' % 1 }}", "{{ '%*d' % (300000000, 1) }}",
    "{{ 2 ** 64 }}", "{{ 7 % 3 }}", "{{ 'ab' * 3 }}", "{{ ''.__class__ }}", "{{ range(100000)|list|length }}",
    "{% for i in range(3) %}{{ i }}{% endfor %}", "{{ undefined_thing }}", "{% if %}", "{{ 1/0 }}",
    "{{ 'x'|indent(300000000) }}", "{{ '{:>300000000}'.format(1) }}", "{{ 1e308 * 10 }}", "{{ lipsum }}",
    "{% include '../../etc/passwd' %}", "{{ person|attr('__class__') }}", "\x1b]0;PWNED\x07", "{{ '\x1b[2J' }}",
    "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "{{ 9 ** 9 ** 9 }}", "{{ -(10 ** 5000) }}",
])


@SETTINGS
@given(pieces=st.lists(TEMPLATE_PIECES, min_size=1, max_size=4), fmt=st.sampled_from(["md", "html", "txt"]))
def test_hostile_templates(prepared, tmp_path_factory, pieces, fmt) -> None:
    home, work = fresh(prepared, tmp_path_factory)
    (home / "templates").mkdir(exist_ok=True)
    (home / "templates" / f"plan.{fmt}.j2").write_text("\n".join(pieces), encoding="utf-8")
    runner = Runner()
    models = ("--models-dir", str(TINY_DIR))
    check(home, *models, "plan", "--person", "Ann", "--format", fmt, "-o", str(work / f"p.{fmt}"), runner=runner)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "nan" if value != value else ("inf" if value > 0 else "-inf") if abs(value) == float("inf") \
            else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value if v is not None) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(v)}" for k, v in value.items() if v is not None) \
            + "}"
    return '""'


@SETTINGS
@given(data=st.data())
def test_hostile_profiles(prepared, tmp_path_factory, data) -> None:
    home, _ = fresh(prepared, tmp_path_factory)
    profile = data.draw(hostile(CONFIG, max_depth=30))
    text = "".join(f"{json.dumps(str(k))} = {toml_value(v)}\n" for k, v in profile.items() if v is not None)
    if data.draw(st.booleans()):
        text = data.draw(st.sampled_from(["", "person = ", "[[", "\x00", "person = 'Ann'\nperson = 'Bo'\n",
                                          "lang = 'zz'\n"])) + text
    (home / "config.toml").write_text(text, encoding="utf-8", errors="surrogatepass")
    runner = Runner()
    models = ("--models-dir", str(TINY_DIR))
    for args in (("history",), ("habits", "list"), ("assess", "--answers", "-"), ("roles",), ("doctor",)):
        if args[0] == "doctor":
            code = runner("--home", str(home), *models, *args).exit_code
            assert code in (0, 2), code
        else:
            check(home, *models, *args, runner=runner)
