"""`careerkit quiz`: situational-judgement scenarios — what you would do, scored, beside what you believe.

Interactive: one scenario at a time, the options in a shuffled order (``--seed`` fixes it),
the keys of `assess` (a number chooses, ``s`` skips, ``b`` goes back, ``?`` helps, ``q`` keeps a
draft that ``--resume`` continues); after each answer its credit and the explanation, unless
``--no-feedback``. From a file (``--answers FILE|-``): every unknown scenario or option at once,
with its line, and nothing saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from careerkit.cli.app import App, pass_app
from careerkit.errors import InputError, ValidationFailed
from careerkit.i18n import t

if TYPE_CHECKING:
    from careerkit.model.loader import LoadedModel
    from careerkit.model.schema import CompetencyModel, Scenario


@click.command(help=t("quiz.help"))
@click.option("--model", "model_ref", metavar="ID", help=t("quiz.help.model"))
@click.option("--person", metavar="NAME", help=t("quiz.help.person"))
@click.option("--competency", "competencies", multiple=True, metavar="ID", help=t("quiz.help.competency"))
@click.option("--count", type=click.IntRange(min=1), metavar="N", help=t("quiz.help.count"))
@click.option("--seed", type=int, metavar="N", help=t("quiz.help.seed"))
@click.option("--answers", metavar="FILE|-", help=t("quiz.help.answers"))
@click.option("--resume", is_flag=True, help=t("quiz.help.resume"))
@click.option("--no-feedback", is_flag=True, help=t("quiz.help.no_feedback"))
@click.option("--json", "as_json", is_flag=True, help=t("help.opt.json"))
@pass_app
def quiz(app: App, model_ref: str | None, person: str | None, competencies: tuple[str, ...], count: int | None,
         seed: int | None, answers: str | None, resume: bool, no_feedback: bool, as_json: bool) -> None:
    from careerkit.core import quiz as core
    from careerkit.core.assessment import now
    from careerkit.store import quizzes, snapshots
    from careerkit.store.database import session

    if answers is not None and resume:
        raise click.UsageError(t("quiz.resume_with_answers"))
    taken = now()
    if answers is not None:
        loaded, who, choices, taken_at = _from_file(app, answers, model_ref, person, taken)
        order = [s.id for s in loaded.model.scenarios if s.id in choices]
    else:
        outcome = _interactive(app, model_ref, person, competencies, count, seed, resume, not no_feedback)
        if outcome is None:
            return
        loaded, who, choices, order = outcome
        taken_at = taken
    record = core.new_record(loaded.model, loaded.digest, person=who, choices=choices, order=order,
                             taken_at=taken_at)
    with session(app.home.root, write=True) as work:
        snapshots.save(app.home.snapshots_dir, loaded)
        quizzes.add(work, record)
        quizzes.drop_draft(work, who)
    if as_json:
        app.echo_json(record, "quiz")
        return
    from careerkit.render.quiz_view import print_quiz

    print_quiz(app.console, loaded.model, record, app.lang)
    app.console.print(t("quiz.saved", id=record["id"]), style="dim")


def _model_with_scenarios(app: App, ref: str | None) -> LoadedModel:
    loaded = app.model(ref)
    if not loaded.model.scenarios:
        raise InputError("quiz.no_scenarios", model=loaded.model.id)
    return loaded


def _from_file(app: App, source: str, model_ref: str | None, person: str | None, taken: Any
               ) -> tuple[LoadedModel, str, dict[str, str | None], Any]:
    from careerkit.cli.answers_file import _read_document
    from careerkit.core import answers
    from careerkit.core import quiz as core
    from careerkit.core.person_names import clean, problem

    label = "<stdin>" if source == "-" else source
    doc, problems = _read_document(source, label)
    data, more = answers.header(doc, core.KEYS)
    problems += more
    if not isinstance(doc.data, dict):
        _refuse(label, problems)
    file_model = data.get("model") if isinstance(data.get("model"), str) else None
    if model_ref and file_model and model_ref != file_model:
        problems.append(doc.problem(("model",), t("answers.model_mismatch", file_model=file_model, option=model_ref)))
        _refuse(label, problems)
    loaded = _model_with_scenarios(app, model_ref or file_model)
    who = person or (data.get("person") if isinstance(data.get("person"), str) else None) or app.config.person
    if not who or not who.strip():
        problems.append(doc.problem((), t("answers.no_person")))
    elif (reason := problem(who)) is not None:
        problems.append(doc.problem(("person",) if not person else (), t(reason, name=repr(who)[:60], limit=60)))
    choices, taken_at, more = core.check_answers(doc, loaded.model, now=taken)
    problems += more
    if problems:
        _refuse(label, problems)
    return loaded, clean(str(who)), choices, taken_at or taken


def _refuse(label: str, problems: list[Any]) -> None:
    problems = sorted(problems, key=lambda p: (p.line, p.column))
    raise ValidationFailed("answers.invalid", path=label, count=len(problems), details=[str(p) for p in problems])


def _interactive(app: App, model_ref: str | None, person: str | None, competencies: tuple[str, ...],
                 count: int | None, seed: int | None, resume: bool, feedback: bool
                 ) -> tuple[LoadedModel, str, dict[str, str | None], list[str]] | None:
    from careerkit.core import quiz as core
    from careerkit.store import quizzes
    from careerkit.store.database import session

    who = app.person(person)
    with session(app.home.root) as work:
        draft = quizzes.get_draft(work, who)
    if resume:
        if draft is None:
            raise InputError("quiz.no_draft", person=who)
        loaded = _model_with_scenarios(app, draft["model"]["id"])
        if loaded.digest != draft["model"]["digest"]:
            raise InputError("quiz.model_changed", model=loaded.model.id)
        chosen = [s for sid in draft["order"] if (s := loaded.model.scenario(sid)) is not None]
        choices = {k: v for k, v in draft["choices"].items() if k in draft["order"]}
        seed = draft.get("seed")
        position = min(int(draft.get("position", 0)), len(chosen))
    else:
        loaded = _model_with_scenarios(app, model_ref)
        model = loaded.model
        unknown = [c for c in competencies if model.competency(c) is None]
        if unknown:
            raise InputError("quiz.unknown_competency", ids=", ".join(unknown),
                             known=", ".join(c.id for c in model.competencies))
        if seed is None:
            import secrets

            seed = secrets.randbelow(2**31)
        chosen = core.choose(model, competencies=competencies, count=count, seed=seed)
        if not chosen:
            raise InputError("quiz.none_for", ids=", ".join(competencies), model=model.id)
        choices, position = {}, 0
        if draft is not None:
            from careerkit.cli.ask import say

            say(t("quiz.draft_waiting", date=str(draft.get("updated_at", ""))[:16].replace("T", " ")), dim=True)
    sitting = _Sitting(app, loaded, who, chosen, choices, position, seed, feedback)
    if not sitting.run():
        return None
    return loaded, who, sitting.choices, [s.id for s in chosen]


class _Sitting:
    """One run over the chosen scenarios; ``run`` is False when the person kept a draft instead."""

    def __init__(self, app: App, loaded: LoadedModel, person: str, scenarios: list[Scenario],
                 choices: dict[str, str | None], position: int, seed: int | None, feedback: bool) -> None:
        self.app, self.loaded, self.person = app, loaded, person
        self.model: CompetencyModel = loaded.model
        self.scenarios, self.choices, self.position = scenarios, choices, position
        self.seed, self.feedback = seed, feedback
        self.console = app.err_console

    def run(self) -> bool:
        from careerkit.cli.ask import EndOfInput, say
        from careerkit.render import quiz_view as view

        view.intro(self.console, self.model, len(self.scenarios), self.app.lang)
        try:
            while self.position < len(self.scenarios):
                self._ask()
        except EndOfInput:
            self._keep()
            return False
        except (KeyboardInterrupt, click.exceptions.Abort):
            say()
            self._keep()
            raise click.exceptions.Exit(130) from None
        except _Quit:
            self._keep()
            return False
        return True

    def _ask(self) -> None:
        from careerkit.cli.ask import read_line, say
        from careerkit.core import quiz as core
        from careerkit.core.questionnaire import Key, parse
        from careerkit.render import quiz_view as view

        scenario = self.scenarios[self.position]
        options = core.option_order(scenario, self.seed)
        view.question(self.console, self.model, scenario, options, self.position + 1, len(self.scenarios),
                      given=self.choices.get(scenario.id), lang=self.app.lang)
        numbers = list(range(1, len(options) + 1))
        action = parse(read_line(t("quiz.prompt", last=len(options))), numbers)
        if action.key is Key.LEVEL and action.level is not None:
            chosen = options[action.level - 1]
            self.choices[scenario.id] = chosen.id
            if self.feedback:
                view.feedback(self.console, self.model, scenario, chosen, self.app.lang)
            self.position += 1
        elif action.key is Key.SKIP:
            self.choices[scenario.id] = None
            self.position += 1
        elif action.key is Key.KEEP and scenario.id in self.choices:
            self.position += 1
        elif action.key is Key.BACK:
            if self.position:
                self.position -= 1
            else:
                say(t("quiz.at_first"))
        elif action.key is Key.HELP:
            view.help_screen(self.console, len(options))
        elif action.key is Key.QUIT:
            raise _Quit
        else:
            say(t("quiz.invalid", value=action.text or str(action.level), last=len(options)))

    def _keep(self) -> None:
        from careerkit.cli.ask import say
        from careerkit.core.assessment import now
        from careerkit.store import quizzes
        from careerkit.store.database import session

        if not self.choices:
            say(t("prompt.nothing_kept"))
            return
        draft = {"person": self.person, "model": {"id": self.model.id, "version": self.model.version,
                                                  "digest": self.loaded.digest},
                 "order": [s.id for s in self.scenarios], "choices": dict(self.choices),
                 "position": self.position, "seed": self.seed, "updated_at": now().isoformat()}
        with session(self.app.home.root, write=True) as work:
            quizzes.save_draft(work, self.person, draft)
        say(t("quiz.draft_kept", answered=len(self.choices), total=len(self.scenarios)))


def beside_latest(app: App, model: CompetencyModel, record: Mapping[str, Any]) -> None:
    """After a result screen: the person's latest quiz on this model beside the self-rating (nothing without one)."""
    from careerkit.render.quiz_view import print_beside
    from careerkit.store import quizzes
    from careerkit.store.database import session

    with session(app.home.root) as work:
        latest = quizzes.latest(work, record["person"], record["model"]["id"])
    if latest is not None:  # no quiz: nothing to print, and no console to make
        print_beside(app.console, model, record, latest, app.lang)


class _Quit(Exception):
    """q: keep a draft and stop."""
