"""The rooms of the house (ARCHITECTURE.md), as a test: each layer imports only what it may.

Every import statement of every module is read with ``ast`` (top-level, inside functions and
under ``TYPE_CHECKING`` alike: a lazy import is still a dependency), so a change that reaches
across a wall fails here, with the file and line.

- ``core/`` and ``model/`` import no click, rich, tinydb, jinja2 or yaml, and no ``cli/``,
  ``render/`` or ``store/``; ``core/`` opens no file and prints nothing.
- ``core/`` and ``model/`` import no ``careerkit.i18n``: they say things as data
  (``careerkit.core.message``: a key and its parameters), put into words at the edge.
- ``careerkit/yamldoc.py`` is the YAML edge: the one module that imports yaml. ``model/`` may
  read model files through it; ``core/`` may take only its data types (``Document``,
  ``Problem``, ``Path_``), never ``read`` or ``parse``.
- ``cli/`` imports no tinydb or jinja2 (it asks ``store/`` and ``render/``).
- ``render/`` and ``store/`` import no ``cli/``; nothing outside ``cli/`` imports it except
  the entry point ``careerkit/__main__.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "careerkit"
THIRD_PARTY_UI = ("click", "rich", "tinydb", "jinja2", "yaml")
YAMLDOC_DATA = {"Document", "Problem", "Path_"}
# Still translating in the middle, each being fixed on another branch (issue 12): remove a file
# from here when it no longer imports careerkit.i18n. Nothing new joins this list.
I18N_PENDING: set[str] = set()  # files allowed to translate while they are being moved off it (none now)


def _room(path: Path) -> str:
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def _imports(path: Path) -> list[tuple[int, str, set[str]]]:
    """(line, module, names) of every import in ``path``, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = ".".join(("careerkit", *path.relative_to(PACKAGE).parts[:-1]))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name, set()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            names = {alias.name for alias in node.names}
            out.append((node.lineno, module, names))
            # `from careerkit import cli` imports the module careerkit.cli
            out += [(node.lineno, f"{module}.{name}", set()) for name in names]
    return out


def _top(module: str) -> str:
    return module.split(".")[0]


def _is(module: str, target: str) -> bool:
    return module == target or module.startswith(target + ".")


def _violations() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        room = _room(path)
        where = path.relative_to(PACKAGE.parent)
        for line, module, names in _imports(path):
            def bad(rule: str, line: int = line, module: str = module, where: Path = where) -> None:
                found.append(f"{where}:{line}: imports {module}: {rule}")

            if room in ("core", "model"):
                if _top(module) in THIRD_PARTY_UI:
                    bad(f"{room}/ knows nothing of the terminal, the store's engine, templates or YAML")
                for edge in ("cli", "render", "store"):
                    if _is(module, f"careerkit.{edge}"):
                        bad(f"{room}/ is the middle of the house: it does not call {edge}/")
            if (room in ("core", "model") and _is(module, "careerkit.i18n")
                    and path.relative_to(PACKAGE).as_posix() not in I18N_PENDING):
                bad(f"{room}/ returns message keys with parameters (core/message.py); the edge translates")
            if room == "core" and module == "careerkit.yamldoc" and names - YAMLDOC_DATA:
                bad("core/ may take yamldoc's data types only, never read a file")
            if room == "cli" and _top(module) in ("tinydb", "jinja2"):
                bad("cli/ asks store/ and render/, it does not use their engines")
            if _top(module) == "yaml" and path.name != "yamldoc.py":
                bad("yamldoc.py is the one YAML reader")
            if room != "cli" and path.name != "__main__.py" and _is(module, "careerkit.cli"):
                bad("nothing but the entry point imports cli/")
    return found


def _calls(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in ("print", "open", "read_text", "read_bytes", "write_text", "write_bytes", "input"):
                out.append((node.lineno, name))
    return out


def test_no_layer_reaches_where_it_must_not() -> None:
    assert _violations() == []


def test_core_opens_no_file_and_prints_nothing() -> None:
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}: {name}()"
             for path in sorted((PACKAGE / "core").rglob("*.py")) for line, name in _calls(path)]
    assert found == []


# Still importing errors or i18n inside a function, in files other branches are changing (issue 12);
# remove a file when its import moves to the top.
LAZY_PENDING: set[str] = set()  # files allowed lazy imports of errors/i18n while they are moved (none now)


def _lazy_always_loaded(path: Path) -> list[int]:
    """Lines where ``path`` imports careerkit.errors or careerkit.i18n below its top level."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    top = {id(node) for node in tree.body}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in top and not node.level:
            modules = {node.module or ""} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import) and id(node) not in top:
            modules = {alias.name for alias in node.names}
        else:
            continue
        if modules & {"careerkit.errors", "careerkit.i18n"}:
            found.append(node.lineno)
    return found


def test_errors_and_i18n_which_the_root_always_loads_are_imported_at_the_top() -> None:
    """A lazy import saves nothing for a module every run has loaded; it only hides a dependency."""
    found = [f"{path.relative_to(PACKAGE.parent)}:{line}" for path in sorted(PACKAGE.rglob("*.py"))
             if path.relative_to(PACKAGE).as_posix() not in LAZY_PENDING for line in _lazy_always_loaded(path)]
    assert found == []


def test_the_rules_catch_a_reach(tmp_path: Path, monkeypatch) -> None:
    """The checker itself can fail: a core module importing rich and cli/ is reported, with its line."""
    import tests.test_layering as layering

    fake = tmp_path / "careerkit"
    (fake / "core").mkdir(parents=True)
    (fake / "core" / "bad.py").write_text("import os\n\n\ndef f():\n    from rich.console import Console\n"
                                         "    from careerkit.cli import app\n    print(Console, app)\n"
                                         "    from careerkit import i18n\n",
                                         encoding="utf-8")
    (fake / "model").mkdir()
    (fake / "model" / "words.py").write_text("from careerkit.i18n import t\n", encoding="utf-8")
    monkeypatch.setattr(layering, "PACKAGE", fake)
    found = layering._violations()
    assert any("core/bad.py:5: imports rich.console" in v for v in found), found
    assert any("core/bad.py:6: imports careerkit.cli" in v for v in found), found
    assert any("core/bad.py:8: imports careerkit.i18n" in v for v in found), found
    assert any("model/words.py:1: imports careerkit.i18n" in v for v in found), found
    assert layering._calls(fake / "core" / "bad.py") == [(7, "print")]
    assert layering._lazy_always_loaded(fake / "core" / "bad.py") == [8]
    assert layering._lazy_always_loaded(fake / "model" / "words.py") == []  # at the top: fine
