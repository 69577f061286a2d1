"""The competency-model format: every class of error is reported at its line, never a traceback."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
import yaml

from careerkit.model.loader import canonical_json, digest, from_snapshot, load_file, validate_file
from careerkit.model.schema import localize
from tests.conftest import FIXTURES

TINY = (FIXTURES / "models" / "tiny.yaml").read_text(encoding="utf-8")
BUILTIN = Path(__file__).resolve().parent.parent / "competencies"


@pytest.fixture(autouse=True)
def english() -> None:
    """These tests call the loader directly, not through the CLI that sets the language:
    a command run with --lang zh by an earlier test must not leave its language behind."""
    from careerkit.i18n import set_language

    set_language("en")


def problems_of(tmp_path: Path, text: str | bytes, name: str = "m.yaml") -> list[str]:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    model, problems = validate_file(path)
    assert (model is None) == bool(problems)
    return [str(p).replace(str(path), "FILE") for p in problems]


def test_tiny_fixture_is_valid(tmp_path: Path) -> None:
    assert problems_of(tmp_path, TINY) == []


def test_builtin_models_are_valid_and_round_trip() -> None:
    builtin = sorted(BUILTIN.glob("*.yaml"))
    assert {p.stem for p in builtin} >= {"bank-customer-service", "core-professional"}
    for path in builtin:
        loaded = load_file(path)
        # canonical JSON → model → canonical JSON is the identity, and so is the digest
        again = from_snapshot(canonical_json(loaded.model))
        assert digest(again) == loaded.digest
        # a reformatted YAML file (other key order, no comments) has the same digest
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        reordered = path.parent.parent / "build-roundtrip.yaml"
        try:
            reordered.write_text(yaml.safe_dump(dict(reversed(list(data.items()))), allow_unicode=True,
                                                sort_keys=False), encoding="utf-8")
            assert load_file(reordered).digest == loaded.digest
        finally:
            reordered.unlink(missing_ok=True)


def test_bank_model_covers_what_users_asked_for() -> None:
    model = load_file(BUILTIN / "bank-customer-service.yaml").model
    ids = {c.id for c in model.competencies}
    assert {"knowledge", "service-awareness", "communication", "teamwork", "mindset", "etiquette",
            "complaints", "compliance"} <= ids
    assert model.language == "zh" and len(model.scale) == 5
    assert [r.id for r in model.roles][:4] == ["trainee-teller", "teller", "senior-teller", "lobby-manager"]
    for comp in model.competencies:
        assert 3 <= len(comp.indicators) <= 6, comp.id
        assert {a.kind.value for a in comp.activities} == {"experience", "social", "education"}, comp.id
        assert comp.habits, comp.id
        for ind in comp.indicators:
            assert {1, 3, 5} <= set(ind.anchors), f"{comp.id}.{ind.id}"
            assert isinstance(ind.text, dict) and {"zh", "en"} <= set(ind.text)
    assert model.text(model.competency("etiquette").name, "zh") == "职业形象与礼仪"


def test_a_french_model_resolves_plain_text_in_its_language() -> None:
    model = load_file(FIXTURES / "models" / "french.yaml").model
    assert model.levels == [0, 1, 2, 3]
    assert model.text(model.title, "zh") == "Compétences de l'accueil"
    assert localize({"fr": "bonjour", "en": "hello"}, "zh", "fr") == "bonjour"
    assert localize({"de": "hallo"}, "zh", "fr") == "hallo"
    assert localize({"zh": "你好", "en": "hello"}, "zh", "fr") == "你好"


def replace(old: str, new: str) -> str:
    assert old in TINY, old
    return TINY.replace(old, new, 1)


CASES = [
    # (name, text, expected "LINE:COL: path: message" fragment)
    ("unknown key with a hint", replace("    weight: 2\n", "    wieght: 2\n"),
     "15:5: competencies[0].wieght: unknown key 'wieght' (did you mean 'weight'?)"),
    ("unknown top-level key", replace("version: \"1.0\"\n", "version: \"1.0\"\nauthor: me\n"),
     "4:1: author: unknown key 'author'"),
    ("missing required field", replace("    name: {en: Beta, zh: 乙}\n", ""),
     "30:5: competencies[1].name: required, but missing"),
    ("wrong marker", replace("careerkit/competency-model/v1", "careerkit/model/v9"),
     "1:9: schema: must be 'careerkit/competency-model/v1'"),
    ("yes where a number is expected", replace("    weight: 2\n", "    weight: yes\n"),
     "15:13: competencies[0].weight: expected a number, got text 'yes'"),
    ("text where a level is expected", replace("  - level: 2\n", "  - level: two\n"),
     "8:12: scale[1].level: expected a whole number, got text 'two'"),
    ("a float version must be quoted", replace("version: \"1.0\"", "version: 1.0"),
     "3:10: version: expected text, got a number 1.0; quote it"),
    ("bad slug", replace("  - id: beta\n", "  - id: Beta Two\n"),
     "30:9: competencies[1].id: 'Beta Two' is not an id"),
    ("zero weight", replace("    weight: 2\n", "    weight: 0\n"),
     "15:13: competencies[0].weight: weight must be a number greater than 0"),
    ("duplicate competency id", replace("  - id: beta\n", "  - id: alpha\n"),
     "30:9: competencies[1].id: duplicate id 'alpha' (first at line 13)"),
    ("anchor outside the scale", replace("{1: rarely, 3: always}", "{1: rarely, 4: always}"),
     "19:30: competencies[0].indicators[0].anchors[4]: 4 is not a level of the scale (1, 2, 3)"),
    ("role target names no competency", replace("targets: {alpha: 2, beta: 2}", "targets: {alpha: 2, gamma: 2}"),
     "38:25: roles[0].targets.gamma: no competency 'gamma' in this model"),
    ("role target outside the scale", replace("targets: {alpha: 3, beta: 3}", "targets: {alpha: 3, beta: 9}"),
     "42:31: roles[1].targets.beta: 9 is not a level of the scale (1, 2, 3)"),
    ("next names no role", replace("next: [senior]", "next: [seniour]"),
     "39:12: roles[0].next[0]: no role 'seniour' in this model (did you mean 'senior'?)"),
    ("ladder cycle", TINY.rstrip("\n") + "\n    next: [junior]\n",
     "roles[1].next[0]: the role ladder has a cycle: junior → senior → junior"),
    ("unknown group", replace("  - id: beta\n", "  - id: beta\n    group: nowhere\n"),
     "31:12: competencies[1].group: no group 'nowhere' in this model"),
    ("levels not ascending", replace("  - level: 2\n", "  - level: 1\n"),
     "8:12: scale[1].level: levels must be strictly ascending: 1 comes after 1"),
    ("bad activity kind", replace("kind: social", "kind: reading"),
     "25:15: competencies[0].activities[1].kind: must be one of 'experience', 'social' or 'education'"),
    ("empty text", replace("text: I do two things", "text: '  '"),
     "21:15: competencies[0].indicators[1].text: text must not be empty"),
    ("bad language code", replace("version: \"1.0\"\n", "version: \"1.0\"\nlanguage: French\n"),
     "4:11: language: 'French' is not a language code"),
]


@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_class_of_error_is_reported_at_its_line(tmp_path: Path, name: str, text: str, expected: str) -> None:
    problems = problems_of(tmp_path, text)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith("FILE:") for p in problems)


def test_all_problems_of_a_file_are_reported_at_once(tmp_path: Path) -> None:
    text = replace("    weight: 2\n", "    wieght: 2\n").replace("next: [senior]", "next: [nobody]")
    text = text.replace("  - id: beta\n", "  - id: beta\n    weight: yes\n")
    problems = problems_of(tmp_path, text)
    assert len(problems) == 3
    assert [p.split(":")[1] for p in problems] == sorted((p.split(":")[1] for p in problems), key=int)


FILE_CASES = [
    ("not YAML", "id: [unclosed\n", "not valid YAML"),
    ("not UTF-8", b"id: caf\xe9\n", "1:8: the file is not UTF-8 text"),
    ("empty", "", "1:1: the file is empty"),
    ("only comments", "# nothing here\n\n", "the file is empty"),
    ("object-building tag", "schema: !!python/object/apply:os.system ['echo hacked']\n",
     "1:9: tags such as tag:yaml.org,2002:python/object/apply:os.system are not allowed"),
    ("anchor", "a: &x [1, 2]\nb: *x\n", "1:4: anchors (&x) are not allowed"),
    ("alias bomb", "a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
     "anchors (&a) are not allowed"),
    ("duplicate key", "id: one\nversion: \"1\"\nid: two\n",
     "3:1: id: duplicate key 'id' (first at line 1); YAML would silently keep only the last one"),
    ("a list instead of a mapping", "- one\n- two\n", "1:1: a model must be a mapping of keys, got a list"),
    ("absurdly nested", "a: " + "[" * 200 + "]" * 200 + "\n", "nested deeper than 40 levels"),
    ("two documents", "id: a\n---\nid: b\n", "only one YAML document is allowed per file"),
    ("a NUL byte", "id: a\x00b\n", "contains a NUL byte"),
]


@pytest.mark.parametrize(("name", "text", "expected"), FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_bad_files_are_refused_with_a_message(tmp_path: Path, name: str, text: str | bytes, expected: str) -> None:
    problems = problems_of(tmp_path, text)
    assert problems and any(expected in p for p in problems), problems


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    problems = problems_of(tmp_path, "a: " + "x" * (5 * 1024 * 1024) + "\n")
    assert problems == ["FILE:1:1: the file is larger than 4 MB"]


def test_yes_no_on_off_stay_text(tmp_path: Path) -> None:
    """YAML 1.1 would turn `no` into False; here a Norwegian label stays a label."""
    text = replace("label: {en: Low, zh: 低}", "label: no")
    model, problems = validate_file(_write(tmp_path, text))
    assert problems == [] and model is not None
    assert model.scale[0].label == "no"


def test_digest_ignores_comments_and_formatting(tmp_path: Path) -> None:
    a = load_file(_write(tmp_path, TINY, "a.yaml")).digest
    reformatted = "# a comment\n" + TINY.replace("{en: Tiny model, zh: 小模型}", "\n  en: Tiny model\n  zh: 小模型")
    b = load_file(_write(tmp_path, reformatted, "b.yaml")).digest
    c = load_file(_write(tmp_path, replace("weight: 2", "weight: 3"), "c.yaml")).digest
    assert a == b != c
    assert len(a) == 64 and json.loads(canonical_json(load_file(tmp_path / "a.yaml").model))["id"] == "tiny"


def _write(tmp_path: Path, text: str, name: str = "m.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_records_canonical_json_is_the_validated_files():
    """The pydantic-free records serialise to the very text the digest is taken of (every model in the repo)."""
    from careerkit.model.loader import _dumps, to_data
    from careerkit.model.schema import read

    paths = sorted(BUILTIN.glob("*.yaml")) + sorted(FIXTURES.rglob("*.yaml"))
    checked = 0
    for path in paths:
        model, _problems = validate_file(path)
        if model is None:
            continue
        checked += 1
        assert _dumps(to_data(model)) == canonical_json(model), path
        again = read(json.loads(canonical_json(model)))
        assert again == model and canonical_json(again) == canonical_json(model), path
    assert checked >= 3
