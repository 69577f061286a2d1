"""The store's schema versions name their record types, and those names are real TypedDicts."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import is_typeddict

from careerkit.store import habits, people, team  # noqa: F401  (each registers its kinds)
from careerkit.store.database import KINDS
from tests.helpers import record


def test_every_named_record_type_is_a_typeddict_of_that_name() -> None:
    named = {f"{kind.name}/{table}": dotted for kind in KINDS.values() for table, dotted in kind.records.items()}
    assert {"person/assessments", "person/reviews", "person/plans", "person/drafts", "habits/habits",
            "habit-log/marks", "team/people"} <= set(named)
    for where, dotted in named.items():
        module, _, name = dotted.rpartition(".")
        found = getattr(importlib.import_module(module), name, None)
        assert found is not None and is_typeddict(found), where


def test_a_new_assessment_has_exactly_the_fields_its_type_declares(run, tmp_path: Path) -> None:
    from careerkit.core.assessment import AssessmentRecord, AssessmentScores, CompetencyScore, ModelRef

    saved = record(run, tmp_path, model="tiny", person="Ann", role="junior", date="2026-01-10",
                   ratings={"alpha.one": 1, "alpha.two": 1, "beta.one": 2})
    saved.pop("schema")
    assert set(saved) == set(AssessmentRecord.__annotations__)
    assert set(saved["model"]) == set(ModelRef.__annotations__)
    assert AssessmentScores.__required_keys__ <= set(saved["scores"]) <= set(AssessmentScores.__annotations__)
    for scores in saved["scores"]["competencies"].values():
        assert set(scores) == set(CompetencyScore.__annotations__)
