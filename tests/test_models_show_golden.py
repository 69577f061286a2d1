"""`careerkit models show`: the screen is pinned by golden files, plain and in colour, in both languages.

The built-in bank model at 80 and 100 columns (a pipe: no style) and the tiny fixture model in
a colour terminal at 60 columns, so a faster way of laying the screen out shows exactly what
rich's full layout showed. Regenerate on purpose only (``CAREERKIT_REGEN_GOLDEN=1``, see
tests/test_golden.py) and read the diff.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import careerkit_command

GOLDEN = Path(__file__).resolve().parent / "golden"
REGENERATE = os.environ.get("CAREERKIT_REGEN_GOLDEN") == "1"
ROOT = Path(__file__).resolve().parent.parent

COLOUR = {"TTY_COMPATIBLE": "1", "TTY_INTERACTIVE": "0", "TERM": "xterm-256color", "COLORTERM": ""}
CASES = [
    ("models-show.bank.en.80.txt", "en", "bank-customer-service", {"COLUMNS": "80"}),
    ("models-show.bank.zh.80.txt", "zh", "bank-customer-service", {"COLUMNS": "80"}),
    ("models-show.bank.zh.100.txt", "zh", "bank-customer-service", {"COLUMNS": "100"}),
    ("models-show.tiny.zh.60.ansi", "zh", "tiny", {"COLUMNS": "60", **COLOUR}),
    ("models-show.tiny.en.34.ansi", "en", "tiny", {"COLUMNS": "34", **COLOUR}),
    ("models-show.bank.en.120.ansi", "en", "bank-customer-service", {"COLUMNS": "120", **COLOUR}),
]


@pytest.mark.parametrize(("name", "lang", "model", "env"), CASES, ids=[c[0] for c in CASES])
def test_models_show_matches_its_golden_file(name: str, lang: str, model: str, env: dict[str, str]) -> None:
    # relative paths from the checkout (the screen shows the model's file): the same lines on every machine
    ref = "tests/fixtures/tiny-model.yaml" if model == "tiny" else model
    def show() -> str:
        res = subprocess.run([*careerkit_command(), "--models-dir", "competencies", "--lang", lang, "models", "show",
                              ref], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "", **env},
                             timeout=60, check=False)
        assert res.returncode == 0 and not res.stderr, res.stderr
        return res.stdout

    text = show()
    assert show() == text  # the second time from the model cache
    path = GOLDEN / name
    if REGENERATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("model", "lang", "width"), [
    ("bank-customer-service", "en", 47), ("bank-customer-service", "zh", 100), ("core-professional", "zh", 33),
    ("core-professional", "en", 80), ("tests/fixtures/models/gate.yaml", "zh", 61),
    ("tests/fixtures/versions/branch-2.0.0.yaml", "en", 29), ("tests/fixtures/models/french.yaml", "en", 120),
])
def test_the_plain_screen_is_what_rich_prints(model: str, lang: str, width: int) -> None:
    """The fast path of `models show` to a pipe gives rich's very lines (a model's every kind of part:
    groups, weights, anchors, a ladder, a numbered targets table that folds, migrations)."""
    import io

    from careerkit.i18n import set_language
    from careerkit.model.catalog import Catalog, find_or_load, sources
    from careerkit.render import model_plain, model_view
    from careerkit.render.terminal import make_console

    loaded = find_or_load(Catalog(sources(None)), str(ROOT / model) if model.endswith(".yaml") else model)
    set_language(lang)
    try:
        console = make_console(color=False)
        console.file, console.width = io.StringIO(), width
        model_view.print_model(console, loaded, lang)
        lines = model_plain.screen(loaded, lang, width)
    finally:
        set_language("en")
    assert lines is not None
    assert "\n".join(lines) + "\n" == console.file.getvalue()


@pytest.mark.parametrize(("model", "lang", "width", "role", "seed"), [
    ("bank-customer-service", "en", 100, "teller", 1), ("bank-customer-service", "zh", 80, "senior-teller", 2),
    ("bank-customer-service", "en", 64, None, 3), ("core-professional", "zh", 100, None, 4),
    ("tests/fixtures/models/gate.yaml", "en", 80, "teller", 5),
])
def test_the_plain_result_screen_is_what_rich_prints(model: str, lang: str, width: int, role: str | None,
                                                     seed: int) -> None:
    """`assess` to a pipe prints the result screen without rich: the very lines rich prints."""
    import io
    import random
    from datetime import datetime

    from careerkit.core.assessment import new_record
    from careerkit.i18n import set_language
    from careerkit.model.catalog import Catalog, find_or_load, sources
    from careerkit.render.assessment_view import print_result
    from careerkit.render.result_plain import result_lines
    from careerkit.render.terminal import make_console

    loaded = find_or_load(Catalog(sources(None)), str(ROOT / model) if model.endswith(".yaml") else model)
    rng = random.Random(seed)
    levels = loaded.model.levels
    ratings = {iid: rng.choice([None, *levels, *levels, *levels]) for iid in loaded.model.indicator_ids()}
    record = new_record(loaded.model, loaded.digest, person="李伟", role=role, ratings=ratings, notes={},
                        taken_at=datetime(2026, 3, 1).astimezone())
    set_language(lang)
    try:
        console = make_console(color=False)
        console.file, console.width = io.StringIO(), width
        print_result(console, loaded.model, record, lang)
        lines = result_lines(loaded.model, record, lang, width)
    finally:
        set_language("en")
    assert lines is not None
    assert "\n".join(lines) + "\n" == console.file.getvalue()
