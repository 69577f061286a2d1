"""The machine-output contract: every `--json` of docs/json.md, its schema name and its exact keys.

Scripts read these outputs, so a key that appears, goes or is renamed must be a decision seen
in review: change this table, docs/json.md and (for a stored field) the record's TypedDict
together. Pinned: the top-level keys, and the keys of nested records where they are stable
(the first element of a list of records). Data-dependent mappings (ratings by indicator id,
next_roles by role id) are not pinned.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FIXTURES
from tests.helpers import answers_file
from tests.scenario import TINY, Scenario, scenario  # noqa: F401  (the fixture)
from tests.test_observations import checklist_models

QUIZ_DIR = FIXTURES / "quiz"

MODEL_REF = ["digest", "id", "version"]
SCORES = ["blocked_by", "competencies", "development", "indicators", "next_roles", "overall", "partial", "rated",
          "readiness", "ready", "strengths"]
COMPETENCY_SCORE = ["gap", "indicators", "met", "rated", "score", "target"]
RECORD = ["id", "model", "notes", "person", "ratings", "role", "scores", "taken_at"]
REVIEW = ["assessment", "comment", "id", "mentor", "model", "notes", "person", "ratings", "scores", "taken_at"]
COMPARISON = ["agreement", "assessment", "competencies", "counts", "gate_flags", "indicators", "mentor",
              "rated_by_both", "review", "taken_at", "within_one"]
REPORT = ["assessment", "blind_spots", "comments", "gates", "groups", "hidden_strengths", "manager_comments",
          "min_raters", "observations", "others", "self", "withheld"]
WORKDAYS = ["known", "region", "roster_days", "unknown_years"]
QUIZ = ["choices", "id", "model", "order", "person", "scores", "taken_at"]

# name: (arguments, schema, {path: keys}); path "" is the top level, "x[]" the first item of list x
CONTRACT: dict[str, tuple[tuple[str, ...], str, dict[str, list[str]]]] = {
    "assess": (("assess", "--answers", "{answers}", "--json"), "assessment",
               {"": [*RECORD, "schema"], "model": MODEL_REF, "scores": SCORES,
                "scores.competencies.alpha": COMPETENCY_SCORE}),
    "show": (("show", "{second}", "--json"), "assessment",
             {"": [*RECORD, "raters", "reviews", "schema"], "model": MODEL_REF, "scores": SCORES,
              "reviews[]": REVIEW}),
    "history": (("history", "--person", "Ann", "--json"), "history",
                {"": ["items", "schema"], "items[]": ["id", "indicators", "model", "overall", "partial", "person",
                                                      "rated", "readiness", "role", "taken_at"]}),
    "compare": (("compare", "{first}", "{second}", "--json"), "comparison",
                {"": ["a", "b", "competencies", "dropped", "dropped_ids", "migration", "new", "new_ids", "overall",
                      "raters", "renamed", "same_model_version", "schema", "shared", "shared_ids", "summary"],
                 "raters": ["a", "b"],
                 "a": ["id", "model", "taken_at"], "competencies[]": ["a", "b", "competency", "delta", "status"],
                 "overall": ["a", "b", "delta", "status"], "summary": ["declined", "improved", "unchanged"]}),
    "progress": (("progress", "--person", "Ann", "--json"), "progress",
                 {"": ["assessments", "carried", "competencies", "complete", "from", "ids", "model", "overall",
                       "partial", "person", "schema", "to"],
                  "model": MODEL_REF, "competencies[]": ["change", "competency", "first", "latest", "trend"]}),
    "review": (("review", "{first}", "--answers", "{mentor}", "--json"), "review",
               {"": [*REVIEW, "comparison", "schema"], "model": MODEL_REF, "scores": SCORES,
                "comparison": COMPARISON}),
    "review request": (("review", "request", "{second}", "--rater", "Bo:peer", "-o", "{packets}", "--json"),
                       "review-request", {"": ["assessment", "due", "raters", "request", "schema"],
                                          "raters[]": ["files", "group", "name"]}),
    "review collect": (("review", "collect", "{packets}/Bo.answers.yaml", "--json"), "review-collect",
                       {"": ["refused", "schema", "taken", "unchanged"],
                        "taken[]": ["file", "group", "rater", "request"]}),
    "review status": (("review", "status", "--json"), "review-status",
                      {"": ["items", "schema"],
                       "items[]": ["assessment", "created_at", "due", "person", "raters", "request", "status"],
                       "items[].raters[]": ["group", "name", "received_at", "status"]}),
    # after the request above: the 360° data of `show` and `compare`, the report's own object
    "show (360°)": (("show", "{second}", "--json"), "assessment",
                    {"raters": REPORT, "raters.groups.manager": ["competencies", "indicators", "name", "raters"]}),
    "compare (360°)": (("compare", "{first}", "{second}", "--min-raters", "1", "--json"), "comparison",
                       {"raters": ["a", "b"], "raters.b": REPORT,
                        "raters.b.groups.peer": ["competencies", "indicators", "raters"]}),
    "review report": (("review", "report", "{second}", "--json"), "review-report",
                      {"": [*REPORT, "schema"],
                       "groups.manager": ["competencies", "indicators", "name", "raters"]}),
    "observe": (("--models-dir", "{observed}", "observe", "visit", "--model", "observed", "--person", "Ann",
                 "--answers", "{visit}", "--json"), "observation",
                {"": ["checklist", "counts", "date", "id", "items", "model", "observer", "person", "recorded_at",
                      "schema"], "counts": ["na", "no", "yes"]}),
    "roles": (("roles", "--person", "Ann", "--json"), "ladder",
              {"": ["assessment", "current", "model", "person", "roles", "roots", "schema"], "model": MODEL_REF,
               "roles[]": ["blocked_by", "gaps", "id", "next", "readiness", "ready", "targets"]}),
    "roles diff": (("roles", "diff", "junior", "senior", "--model", "tiny", "--json"), "role-diff",
                   {"": ["competencies", "from", "model", "schema", "to"], "model": ["id", "version"],
                    "competencies[]": ["a", "anchors", "b", "change", "competency"]}),
    "plan": (("plan", "{second}", "--json"), "plan",
             {"": ["assessment", "assessment_taken_at", "basis", "created_at", "end", "focus", "horizon", "id",
                   "mentor", "mentor_notes", "milestones", "min_raters", "model", "overall", "person", "progress",
                   "readiness",
                   "review", "review_date", "role", "schema", "snapshot", "start", "strengths", "target_role"],
              "focus[]": ["actions", "competency", "current", "evidence", "gap", "lessons", "mode", "priority",
                          "role_target", "status", "status_at", "target", "weight"]}),
    "quiz": (("--models-dir", "{quizdir}", "quiz", "--model", "judgement", "--answers", "{quiz}", "--json"), "quiz",
             {"": [*QUIZ, "schema"], "model": MODEL_REF,
              "scores": ["answered", "competencies", "indicators", "overall", "scenarios", "total"]}),
    "history --kind quiz": (("history", "--kind", "quiz", "--json"), "quiz-history",
                            {"": ["items", "schema"], "items[]": QUIZ}),
    "plans": (("plans", "--json"), "plans",
              {"": ["items", "schema"], "items[]": ["assessment", "basis", "created_at", "end", "focus", "id", "model",
                                                    "person", "start", "target_role", "target_role_title"]}),
    "models list": (("models", "list", "--json"), "models",
                    {"": ["items", "schema"], "items[]": ["competencies", "digest", "id", "indicators", "language",
                                                          "path", "roles", "shadowed_by", "source", "title", "valid",
                                                          "version"]}),
    "models show": (("models", "show", "tiny", "--json"), "model-info",
                    {"": ["digest", "migrations", "model", "path", "schema", "source"],
                     "model": ["competencies", "description", "groups", "id", "language", "migrations", "roles",
                               "scale", "scenarios", "schema", "title", "version"]}),
    "habits list": (("habits", "list", "--json"), "habits",
                    {"": ["items", "schema"], "items[]": ["archived", "competency", "created", "every", "id", "model",
                                                          "name", "note"]}),
    "habits status": (("habits", "status", "--json"), "habits-status",
                      {"": ["habits", "schema", "today", "workdays"],
                       "habits[]": ["at_risk", "best", "calendar", "competency", "every", "id", "last_note", "name",
                                    "period", "quantity", "rate", "streak", "unit"],
                       "workdays": WORKDAYS}),
    "habits suggest": (("habits", "suggest", "--person", "Ann", "--json"), "habit-suggestions",
                       {"": ["assessment", "competencies", "habits", "model", "person", "schema", "source"],
                        "habits[]": ["competency", "competency_name", "every", "model", "name", "tracked"]}),
    "habits report": (("habits", "report", "--format", "json"), "habits-report",
                      {"": ["competencies", "from", "habits", "schema", "to", "today", "total", "workdays"],
                       "habits[]": ["archived", "best", "check_ins", "competency", "competency_name", "done", "due",
                                    "every", "id", "name", "quantity", "rate", "skipped", "streak", "unit"],
                       "workdays": WORKDAYS,
                       "competencies[]": ["competency", "competency_name", "done", "due", "habits", "rate"],
                       "total": ["done", "due", "habits", "rate"]}),
    "team list": (("team", "list", "--json"), "team",
                  {"": ["people", "schema", "team"],
                   "people[]": ["bundle_created_at", "counts", "imported_at", "latest", "models", "name"]}),
    "team summary": (("team", "summary", "--format", "json"), "team-summary",
                     {"": ["anonymized", "bench", "competencies", "generated_at", "lang", "min_group", "model",
                           "not_assessed", "notes", "other_versions", "people", "people_count", "priorities",
                           "role_filter", "roles", "scale", "schema", "stats", "team", "team_overall", "thresholds"],
                      "thresholds": ["close", "ready"], "model": ["digest", "id", "title", "version"],
                      "scale": ["levels", "max", "min"], "roles[]": ["id", "title"],
                      "competencies[]": ["id", "name", "weight"],
                      "people[]": ["assessment", "blocked_by", "development", "name", "next_roles", "overall",
                                   "partial", "readiness", "ready", "role", "role_title", "scores", "strengths",
                                   "suppressed", "taken_at"],
                      "stats[]": ["below", "competency", "max", "mean", "mean_gap", "median", "min", "n", "name",
                                  "suppressed", "targeted", "weight"],
                      "team_overall": ["mean", "n"], "bench[]": ["candidates", "close", "ready", "role", "title"],
                      "priorities[]": ["below", "competency", "education", "mean_gap", "name", "priority",
                                       "share_below", "social", "targeted", "weight"]}),
    "restore --list": (("restore", "--list", "--json"), "restore-list",
                       {"": ["items", "schema"],
                        "items[]": ["current", "file", "generation", "name", "number", "readable", "records_now",
                                    "records_then", "same", "saved_at", "size", "store", "what", "year"]}),
    "doctor": (("doctor", "--json"), "doctor",
               {"": ["findings", "healthy", "home", "schema"],
                "findings[]": ["check", "fix", "message", "ok", "path"]}),
}


def _at(data: object, path: str) -> object:
    for part in path.split(".") if path else []:
        if part.endswith("[]"):
            items = data[part[:-2]]  # type: ignore[index]
            assert isinstance(items, list) and items, f"{path}: no items to check"
            data = items[0]
        else:
            data = data[part]  # type: ignore[index]
    return data


def test_json_outputs_name_their_schema_and_have_exactly_their_keys(run, scenario: Scenario) -> None:  # noqa: F811
    fill = {"first": scenario.first, "second": scenario.second, "mentor": str(scenario.folder / "mentor.yaml"),
            "answers": str(scenario.folder / "a2.yaml"), "packets": str(scenario.folder / "packets"),
            "observed": str(checklist_models(scenario.folder / "observed", "observed")),
            "visit": str(scenario.folder / "visit.yaml"), "quizdir": str(QUIZ_DIR),
            "quiz": str(answers_file(scenario.folder, "quiz.yaml", person="Ann", date="2026-03-15",
                                     choices={"angry": "a", "form": "b", "check": None}))}
    (scenario.folder / "visit.yaml").write_text("date: 2026-03-01\nitems: {greet: yes, asks: no}\n", encoding="utf-8")
    wrong = []
    for name, (args, schema, shapes) in CONTRACT.items():
        res = run(*TINY, *(a.format(**fill) for a in args))
        assert res.exit_code == 0, f"{name}: {res.output}"
        data = json.loads(res.stdout)
        if data.get("schema") != f"careerkit/{schema}/v1":
            wrong.append(f"{name}: schema {data.get('schema')!r}")
        for path, keys in shapes.items():
            found = _at(data, path)
            if not isinstance(found, dict) or sorted(found) != sorted(keys):
                got = sorted(found) if isinstance(found, dict) else type(found).__name__
                wrong.append(f"{name}: {path or 'top level'}: {got} != {sorted(keys)}")
    assert wrong == []


def test_every_output_of_the_docs_is_pinned() -> None:
    """docs/json.md and this table list the same schemas."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "json.md").read_text(encoding="utf-8")
    documented = set(__import__("re").findall(r"`careerkit/([a-z-]+)/v1`", docs))
    # team-scenarios needs a team that shared quizzes: its keys are pinned in tests/test_quiz.py
    assert documented == {schema for _, schema, _ in CONTRACT.values()} | {"team-scenarios"}
