"""Mutated models and answers files raise only careerkit's own errors, never a traceback."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerkit.model.loader import validate_file
from tests.conftest import FIXTURES, no_traceback

TINY = yaml.safe_load((FIXTURES / "models" / "tiny.yaml").read_text(encoding="utf-8"))
ANSWERS = {"model": "tiny", "person": "Ann", "role": "junior", "date": "2026-11-01",
           "ratings": {"alpha.one": 3, "alpha.two": None, "beta.one": 1}, "notes": {"alpha.one": "ok"}}

SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["yes", "no", "on", "~", "1e9", "0x1F", ".inf"]))


def paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += paths(value, (*prefix, i))
    return out


def get(node: Any, path: tuple) -> Any:
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated(draw, base: Any) -> Any:
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(1, 4))):
        candidates = [p for p in paths(data) if p]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent, last = get(data, path[:-1]), path[-1]
        action = draw(st.sampled_from(["delete", "duplicate", "retype", "nest", "rename"]))
        if action == "delete":
            del parent[last]
        elif action == "duplicate" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[last]))
        elif action == "retype":
            parent[last] = draw(st.one_of(scalars, st.lists(scalars, max_size=3),
                                          st.dictionaries(st.text(max_size=5), scalars, max_size=3)))
        elif action == "nest":
            value = parent[last]
            for _ in range(draw(st.integers(1, 60))):
                value = [value]
            parent[last] = value
        elif action == "rename" and isinstance(parent, dict):
            parent[draw(st.text(max_size=12))] = parent.pop(last)
    return data


@st.composite
def text_damage(draw, text: str) -> str:
    lines = text.splitlines()
    for _ in range(draw(st.integers(0, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["tab", "unicode", "duplicate", "delete"]))
        if action == "tab":
            lines[i] = "\t" + lines[i]
        elif action == "unicode":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(st.text(min_size=1, max_size=4)) + lines[i][at:]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        else:
            del lines[i]
    return "\n".join(lines) + "\n"


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(data=mutated(TINY), damage=st.data())
def test_mutated_models_give_problems_never_exceptions(tmp_path_factory, data: Any, damage) -> None:
    text = damage.draw(text_damage(dump(data)))
    path = tmp_path_factory.mktemp("m") / "m.yaml"
    path.write_bytes(text.encode("utf-8", errors="replace"))  # lone surrogates become '?'

    model, problems = validate_file(path)  # must not raise
    assert (model is None) == bool(problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@SETTINGS
@given(data=mutated(ANSWERS), damage=st.data())
def test_mutated_answers_exit_0_or_2_without_traceback(run, tmp_path_factory, data: Any, damage) -> None:
    text = damage.draw(text_damage(dump(data)))
    path = tmp_path_factory.mktemp("a") / "a.yaml"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    res = run("--models-dir", str(FIXTURES / "models"), "assess", "--allow-partial", "--answers", str(path), "--json")
    assert res.exit_code in (0, 2), res.output + res.stderr
    assert no_traceback(res.output + res.stderr)
    if res.exit_code == 2:
        assert res.stderr.startswith("error:")
