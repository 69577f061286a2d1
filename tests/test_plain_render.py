"""The plain renderer prints what rich prints when rich would style nothing, or leaves it to rich."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

NAMES = ["李伟", "Ann", "王芳 Wang Fang", "😀 Zoë", "a" * 30, "[bold]x[/]", "back\\slash", "职业形象与礼仪" * 3]


def _rich(rows, total, width) -> str:
    from rich.console import Console

    from careerkit.render.assessment_view import print_history

    out = io.StringIO()
    print_history(Console(file=out, width=width, color_system=None, highlight=False, emoji=False), rows, total)
    return out.getvalue()


rows_strategy = st.lists(st.fixed_dictionaries({
    "id": st.text("0123456789abcdef", min_size=10, max_size=10),
    "taken_at": st.just("2026-11-28T10:00:00+08:00"),
    "person": st.sampled_from(NAMES),
    "model": st.sampled_from([{"id": "bank-customer-service", "version": "1.0.0"},
                              {"id": "bank-customer-service", "version": "2.0.0-beta"},
                              {"id": "core-professional", "version": "1.0.0"}]),
    "role": st.sampled_from([None, "teller", "senior-teller"]),
    "scores": st.fixed_dictionaries({"overall": st.one_of(st.none(), st.floats(1, 5)),
                                     "readiness": st.one_of(st.none(), st.floats(0, 100))},
                                    optional={"rated": st.integers(0, 60), "indicators": st.integers(1, 60),
                                              "partial": st.booleans()}),
}), min_size=1, max_size=8)


@settings(max_examples=150, deadline=None)
@given(rows=rows_strategy, extra=st.integers(0, 3), width=st.sampled_from([40, 60, 80, 100, 200]),
       lang=st.sampled_from(["en", "zh"]))
def test_history_plain_is_what_rich_prints(rows, extra: int, width: int, lang: str) -> None:
    from careerkit.i18n import set_language
    from careerkit.render.assessment_view import history_lines

    set_language(lang)
    try:
        lines = history_lines(rows, len(rows) + extra, width)
        if lines is not None:
            assert "\n".join(lines) + "\n" == _rich(rows, len(rows) + extra, width)
    finally:
        set_language("en")


@pytest.mark.parametrize(("env", "tty", "styled"), [
    ({}, False, False), ({}, True, True), ({"FORCE_COLOR": "1"}, False, True), ({"FORCE_COLOR": ""}, True, False),
    ({"TTY_COMPATIBLE": "1"}, False, True), ({"TTY_COMPATIBLE": "0"}, True, False),
])
def test_plain_only_where_rich_would_style_nothing(monkeypatch, env, tty: bool, styled: bool) -> None:
    from rich.console import Console

    from careerkit.render.plain import plain_width

    class Out(io.StringIO):
        def isatty(self) -> bool:
            return tty

    for key in ("FORCE_COLOR", "TTY_COMPATIBLE"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("COLUMNS", "93")
    out = Out()
    monkeypatch.setattr("sys.stdout", out)
    console = Console(file=out)
    assert (plain_width() is None) == styled == console.is_terminal
    if not styled:
        assert plain_width() == console.width == 93


@pytest.mark.parametrize("width", [120, 160])
def test_history_plain_takes_the_plain_path_for_ordinary_rows(width: int) -> None:
    from careerkit.render.assessment_view import history_lines

    rows = [{"id": f"{n:010x}", "taken_at": f"2026-0{1 + n % 9}-01T09:00:00+08:00", "person": name,
             "model": {"id": "bank-customer-service", "version": "1.0.0" if n % 3 else "1.1.0"},
             "role": "teller" if n % 2 else None,
             "scores": {"overall": 2.5 + n / 10, "readiness": None if n == 2 else 10.0 * n,
                        "rated": 30 + n, "indicators": 52, "partial": n % 2 == 1}}  # partial ones too
            for n, name in enumerate(["李伟", "Ann", "王芳 Wang Fang", "😀 Zoë", "职业形象"])]
    lines = history_lines(rows, 9, width)
    assert lines is not None and "\n".join(lines) + "\n" == _rich(rows, 9, width)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.one_of(st.sampled_from(list("员工李伟 aZ09-·…—▼\t\u200d\ufe0f\u0301\u200b😀👩")),
                              st.characters()), min_size=1, max_size=24))
def test_the_team_views_count_cells_as_rich_does(text: str) -> None:
    """The team summary measures thousands of names by their characters; rich measures the string."""
    from rich.cells import cell_len

    from careerkit.render import team_view

    team_view._WIDTHS.clear()
    assert team_view._cells(text) == cell_len(text)
