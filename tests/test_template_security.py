"""Server-side template injection: a corpus of known payloads through the real sandbox.

Each payload is rendered as a user template (``--template FILE`` or an override in
``<home>/templates/``) with a realistic plain-data context. It must be stopped with a
clear error, or render without revealing a class, module, function or the working
directory. Includes that leave the template's folder are refused; caps hold.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from careerkit.errors import InputError
from careerkit.render.templates import render

CONTEXT = {
    "person": "李伟", "model": {"id": "bank-customer-service", "version": "1.0.0", "title": "银行"},
    "competencies": [{"id": "knowledge", "name": "专业知识", "score": 2.5, "target": 3, "notes": ["<b>x</b>"]}],
    "focus": [{"competency": "knowledge", "goal": "Reach 3", "actions": [{"kind": "experience", "due": "2026-12-01"}]}],
    "dates": {"created": "2026-11-28", "review": "2027-02-26"},
}

PAYLOADS = [
    "{{ ''.__class__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ ().__class__.__bases__[0].__subclasses__() }}",
    "{{ [].__class__.__base__.__subclasses__() }}",
    "{{ {}.__class__.__bases__ }}",
    "{{ person.__class__.__mro__ }}",
    "{{ model.__class__ }}",
    "{{ competencies.__class__.__init__.__globals__ }}",
    "{{ self }}",
    "{{ self.__init__.__globals__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ self._TemplateReference__context.environment }}",
    "{{ lipsum.__globals__ }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ range.__globals__ }}",
    "{{ range }}",
    "{{ config }}",
    "{{ request.application.__globals__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}",
    "{{ ''|attr('__class__')|attr('__mro__') }}",
    "{{ '%s'|format(''.__class__) }}",
    "{{ \"{0.__class__}\".format('') }}",
    "{{ \"{0.__class__.__mro__}\".format_map({'0': ''}) }}",
    "{% set f = \"{0.__class__}\".format %}{{ f('') }}",
    "{{ (\"{0.__class__}\"|attr('format'))('') }}",
    "{{ ''.format.__self__ }}",
    "{{ model.items.__self__ }}",
    "{{ model.items }}",
    "{{ [model.items] }}",
    "{{ '%s' % range }}",
    "{{ (competencies|map('string')) ~ '' }}",
    "{% for x in [1] %}{{ loop }}{{ loop.cycle }}{% endfor %}",
    "{% macro m() %}{% endmacro %}{{ m }}",
    "{% for c in [].__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
    "{{ person.__len__ }}",
    "{{ person.encode('utf-8').decode.__self__ }}",
    "{{ dict.mro() }}",
    "{{ caller }}{{ varargs }}{{ kwargs }}",
]

LEAK = re.compile(r"<class |<function |<built-in |<bound method |<module |<generator |__globals__| at 0x|"
                  r"jinja2|careerkit\.|TemplateReference|LoopContext|uid=")


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("ext", ["md.j2", "html.j2"])
def test_each_payload_is_stopped_or_reveals_nothing(tmp_path: Path, payload: str, ext: str) -> None:
    path = tmp_path / f"evil.{ext}"
    path.write_text(f"Plan for {{{{ person }}}}\n{payload}\n", encoding="utf-8")
    try:
        output = render(f"plan.{ext}", CONTEXT, template_file=path)
    except InputError as exc:
        message = str(exc)
        assert "evil" in message  # names the template
        assert not LEAK.search(message.replace("jinja2", "")) or "unsafe" in message
        return
    assert not LEAK.search(output), output
    assert os.getcwd() not in output and str(Path.home()) not in output


def test_the_corpus_is_not_trivially_refused(tmp_path: Path) -> None:
    """A harness check: ordinary templates with the same context do render."""
    path = tmp_path / "ok.md.j2"
    path.write_text("{{ person }} {% for c in competencies %}{{ c.name }} {{ c.score|score }}{% endfor %}"
                    "{{ competencies|map(attribute='id')|join(',') }}", encoding="utf-8")
    assert render("plan.md.j2", CONTEXT, template_file=path) == "李伟 专业知识 2.50knowledge"


def test_notes_with_markup_or_template_syntax_stay_text(tmp_path: Path) -> None:
    path = tmp_path / "t.html.j2"
    path.write_text("<p>{{ note }}</p>", encoding="utf-8")
    out = render("t.html.j2", {"note": "<script>alert(1)</script>{{ 7*7 }}"}, template_file=path)
    assert out == "<p>&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}</p>"


@pytest.mark.parametrize("include", ["../secret.txt", "/etc/passwd", "link.txt", "sub/../../secret.txt"])
def test_includes_outside_the_template_folder_are_refused(tmp_path: Path, include: str) -> None:
    (tmp_path / "secret.txt").write_text("TOP SECRET", encoding="utf-8")
    folder = tmp_path / "templates"
    (folder / "sub").mkdir(parents=True)
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    path = folder / "t.md.j2"
    path.write_text(f"{{% include '{include}' %}}", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render("t.md.j2", {}, template_file=path)
    assert "TOP SECRET" not in str(caught.value)


def test_a_user_override_in_the_home_templates_folder_is_used_and_sandboxed(tmp_path: Path) -> None:
    user = tmp_path / "user"
    user.mkdir()
    (user / "plan.md.j2").write_text("MINE {{ person }} {{ ''.__class__ }}", encoding="utf-8")
    with pytest.raises(InputError, match="unsafe"):
        render("plan.md.j2", CONTEXT, user_dir=user)
    (user / "plan.md.j2").write_text("MINE {{ person }}", encoding="utf-8")
    assert render("plan.md.j2", CONTEXT, user_dir=user) == "MINE 李伟"


def test_output_and_time_caps_hold(tmp_path: Path) -> None:
    big = tmp_path / "big.md.j2"
    big.write_text("{% for i in range(100000) %}{% for j in range(100) %}xxxxxxxxxx{% endfor %}{% endfor %}",
                   encoding="utf-8")
    with pytest.raises(InputError, match="more than 8 MB"):
        render("big.md.j2", {}, template_file=big)
    slow = tmp_path / "slow.md.j2"
    slow.write_text("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                    encoding="utf-8")
    start = time.monotonic()
    with pytest.raises(InputError, match="was stopped"):
        render("slow.md.j2", {}, template_file=slow)
    assert time.monotonic() - start < 15


def test_undefined_variables_fail_loudly_with_name_and_line(tmp_path: Path) -> None:
    path = tmp_path / "u.md.j2"
    path.write_text("line one\n{{ persn }}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        render("u.md.j2", CONTEXT, template_file=path)
    assert "u.md.j2, line 2" in str(caught.value) and "'persn' is undefined" in str(caught.value)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_through_the_real_plan_command_and_context(run, tmp_path: Path, payload: str) -> None:
    from tests.helpers import TINY_DIR, answers_file

    answers = answers_file(tmp_path, model="tiny", person="Ann", role="junior",
                           ratings={"alpha.one": 1, "alpha.two": 2, "beta.one": 1},
                           notes={"alpha.one": "<script>alert(1)</script>{{ 7*7 }}"})
    assert run("--models-dir", str(TINY_DIR), "assess", "--allow-partial", "--answers", str(answers)).exit_code == 0
    for ext in ("md", "html"):
        template = tmp_path / f"evil.{ext}.j2"
        template.write_text(f"{{{{ plan.person if plan is defined else '' }}}}\n{payload}\n", encoding="utf-8")
        out = tmp_path / f"plan.{ext}"
        res = run("--models-dir", str(TINY_DIR), "plan", "--format", ext, "--template", str(template),
                  "-o", str(out), "--force")
        if res.exit_code == 0:
            text = out.read_text(encoding="utf-8")
            assert not LEAK.search(text), text
            assert os.getcwd() not in text
        else:
            assert res.exit_code == 2, res.output
            assert "evil" in res.stderr and "Traceback" not in res.stderr
            assert not LEAK.search(res.stderr.replace("jinja2", "")) or "unsafe" in res.stderr
