"""The interactive self-assessment: `careerkit assess` without ``--answers``.

Flow of :func:`run_interactive`:

1. resolve the person (option, profile, else ask) and look for their draft;
2. ``--resume`` continues that draft on the exact model version it was started on
   (a model changed since then is refused: answers given on one version are never
   mixed into another; a model gone from the catalog is taken from the copy saved
   with the draft); without ``--resume`` an existing draft is offered first;
3. otherwise resolve the model (option, profile, else pick from the catalog) and the
   role (option, profile, else pick when the model was picked too);
4. ask each indicator in turn (:class:`Sitting`), then show a summary and ask to save;
5. save the record, the model snapshot and the removal of the draft in one commit.

``q``, end of input, declining the confirmation and Ctrl-C all keep a draft (one per
person, never shown in history) and say how to resume; Ctrl-C then exits 130. A new
sitting quit before anything was answered keeps nothing, so it never replaces an
older draft with an empty one.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

import click

from careerkit.cli.ask import EndOfInput, choose, confirm, read_line, save_keep_or_back, say
from careerkit.errors import CareerkitError, InputError, NotFoundError, ValidationFailed
from careerkit.i18n import labelled, program, t

if TYPE_CHECKING:
    from careerkit.cli.app import App
    from careerkit.core.assessment import AssessmentRecord
    from careerkit.core.questionnaire import DraftRecord, Questionnaire
    from careerkit.model.loader import LoadedModel
    from careerkit.model.schema import CompetencyModel

Outcome = tuple["LoadedModel", "AssessmentRecord"] | None


def run_interactive(app: App, *, model_ref: str | None, role: str | None, person: str | None,
                    resume: bool) -> Outcome:
    """Ask, then save; ``None`` when nothing was saved (a draft may have been kept)."""
    from careerkit.core.assessment import now
    from careerkit.core.questionnaire import Questionnaire
    from careerkit.store import assessments
    from careerkit.store.database import session

    who = _person(app, person)
    with session(app.home.root) as work:
        draft = assessments.get_draft(work, who)
    if resume:
        if draft is None:
            raise NotFoundError("prompt.no_draft", person=who)
        return _resume(app, who, draft, model_ref, role)
    if draft is not None:
        try:
            wanted = _offer_draft(app, draft, model_ref)
        except EndOfInput:
            say(t("prompt.draft_untouched"))
            return None
        if wanted:
            return _resume(app, who, draft, None, role)
    loaded, role_id = _setup(app, model_ref, role)
    sitting = Sitting(app, loaded, who, role_id, Questionnaire(loaded.model), started_at=now().isoformat())
    return sitting.run()


# ----------------------------------------------------------------------------- who, which model, which role


def _person(app: App, person: str | None) -> str:
    if person is not None:
        return app.person(person)
    if app.config.person and app.config.person.strip():
        return app.person(None)
    try:
        return _ask_nonempty(t("prompt.ask_person"))
    except EndOfInput:
        raise InputError("common.no_person") from None


def _ask_nonempty(prompt: str) -> str:
    from careerkit.core import person_names as names

    while True:
        value = read_line(labelled(prompt)).strip()
        if not value:
            say(t("prompt.required"))
        elif (reason := names.problem(value)) is not None:
            say(t(reason, name=repr(value)[:60], limit=names.MAX_LENGTH))
        else:
            return names.clean(value)


def _setup(app: App, model_ref: str | None, role: str | None) -> tuple[LoadedModel, str | None]:
    from careerkit.cli.ask import model_options, role_aliases, role_options
    from careerkit.cli.lookup import check_role

    ref = model_ref or app.config.model
    picked = False
    if not ref:
        try:
            ref = choose(t("prompt.ask_model"), model_options(app, app.lang))
        except EndOfInput:
            raise InputError("common.no_model") from None
        picked = True
    loaded = app.model(ref)
    model = loaded.model
    if role:
        return loaded, check_role(model, role)
    if picked and model.roles:
        try:
            return loaded, choose(t("prompt.ask_role"), role_options(model, app.lang), optional=True,
                                  aliases=role_aliases(model))
        except EndOfInput:
            return loaded, None
    profile_role = app.config.role
    return loaded, profile_role if profile_role and model.role(profile_role) else None


# ----------------------------------------------------------------------------- drafts


def _draft_model(app: App, draft: DraftRecord) -> tuple[LoadedModel, bool]:
    """The model version the draft was started on, and whether it came from the saved snapshot.

    The catalog's model of that id must have the draft's digest; a changed model is
    refused. A model no longer in the catalog is taken from its snapshot.
    """
    from careerkit.model.loader import LoadedModel
    from careerkit.store import snapshots

    pinned = draft["model"]
    try:
        found: LoadedModel | None = app.catalog.find(pinned["id"])
    except (NotFoundError, ValidationFailed):
        found = None
    if found is not None and found.digest == pinned["digest"]:
        return found, False
    if found is not None:
        raise InputError("prompt.model_changed", model=pinned["id"], old=pinned["version"],
                         new=found.model.version, digest=pinned["digest"][:12])
    snapshot = snapshots.load(app.home.snapshots_dir, pinned["digest"])
    if snapshot is None:
        raise NotFoundError("prompt.draft_model_missing", model=pinned["id"], version=pinned["version"])
    return LoadedModel(snapshot, None, "snapshot"), True


def _offer_draft(app: App, draft: DraftRecord, model_ref: str | None) -> bool:
    """Tell about an unfinished draft and ask whether to resume it (not when it cannot be)."""
    from careerkit.core.questionnaire import draft_counts

    answered, _ = draft_counts(draft)
    say(t("prompt.draft_found", model=draft["model"]["id"], version=draft["model"]["version"],
          date=_when(draft.get("updated_at")), answered=answered))
    try:
        _draft_model(app, draft)
    except CareerkitError as error:
        say(error.message())
        say(t("prompt.draft_replaced_later"))
        return False
    same_model = model_ref is None or model_ref == draft["model"]["id"]
    if confirm(t("prompt.resume_question"), default=same_model):
        return True
    say(t("prompt.draft_replaced_later"))
    return False


def _when(iso: str | None) -> str:
    return (iso or "")[:16].replace("T", " ")


def _resume(app: App, who: str, draft: DraftRecord, model_ref: str | None, role: str | None) -> Outcome:
    from careerkit.cli.lookup import check_role
    from careerkit.core.questionnaire import from_draft

    if model_ref and model_ref != draft["model"]["id"]:
        raise InputError("prompt.draft_other_model", model=draft["model"]["id"], given=model_ref)
    loaded, from_snapshot = _draft_model(app, draft)
    if from_snapshot:
        say(t("prompt.from_snapshot", model=loaded.model.id, version=loaded.model.version), dim=True)
    role_id = role if role else draft.get("role")
    role_id = check_role(loaded.model, role_id)
    sitting = Sitting(app, loaded, who, role_id, from_draft(loaded.model, draft),
                      started_at=draft.get("started_at") or "", resumed=True)
    return sitting.run()


def resume_command(app: App, person: str) -> str:
    """The command that continues ``person``'s draft, with only the options it needs."""
    from careerkit.home import Home

    parts = [program()]
    if Home.resolve(None).root != app.home.root:
        parts += ["--home", shell_quote(str(app.home.root))]
    parts += ["assess", "--resume"]
    try:
        profile_person = (app.config.person or "").strip()
    except CareerkitError:
        profile_person = ""
    if person != profile_person:
        parts += ["--person", shell_quote(person)]
    return " ".join(parts)


_SHELL_SAFE = re.compile(r"[\w@%+=:,./-]+")


def shell_quote(text: str) -> str:
    """``shlex.quote``, but a name in any script (李伟, José) that needs no quoting gets none."""
    return text if _SHELL_SAFE.fullmatch(text) else shlex.quote(text)


# ----------------------------------------------------------------------------- one sitting


class _Quit(Exception):
    """The person typed q (or declined to save): keep a draft and stop."""


class Sitting:
    """One run of questions over a :class:`Questionnaire`, ending in a save or a draft."""

    def __init__(self, app: App, loaded: LoadedModel, person: str, role: str | None, q: Questionnaire, *,
                 started_at: str, resumed: bool = False) -> None:
        self.app = app
        self.loaded = loaded
        self.model: CompetencyModel = loaded.model
        self.person = person
        self.role = role
        self.q = q
        self.started_at = started_at
        self.resumed = resumed
        self.console = app.err_console
        self._shown: int | None = None
        self._competency_shown: str | None = None

    def run(self) -> Outcome:
        from careerkit.render import questionnaire_view as view

        view.intro(self.console, self.model, self.model.role(self.role) if self.role else None, self.app.lang)
        if self.resumed:
            say(t("prompt.resuming", date=_when(self.started_at), answered=self.q.answered,
                  skipped=self.q.skipped, total=self.q.total))
        try:
            return self._loop()
        except (_Quit, EndOfInput):
            self._keep_draft()
            return None
        except (KeyboardInterrupt, click.exceptions.Abort):
            say()
            self._keep_draft()
            raise click.exceptions.Exit(130) from None

    def _loop(self) -> Outcome:
        while True:
            if not self.q.done:
                self._ask()
                continue
            choice = self._confirm()
            if choice == "save":
                return self._save()
            if choice == "back":
                self.q.back()
                self._shown = None
                continue
            say(t("prompt.not_saved"))
            raise _Quit

    def _show(self) -> None:
        from careerkit.render import questionnaire_view as view

        if self._shown == self.q.position:
            return
        comp, ind = self.q.current
        progress = self.q.progress()
        if self._competency_shown != comp.id:
            view.competency_header(self.console, self.model, comp, progress, self.app.lang)
            self._competency_shown = comp.id
        view.indicator(self.console, self.model, ind, progress, given=self.q.given(),
                       note=self.q.notes.get(self.q.indicator_id), lang=self.app.lang)
        self._shown = self.q.position

    def _ask(self) -> None:
        from careerkit.core.questionnaire import Key, parse
        from careerkit.render import questionnaire_view as view

        self._show()
        levels = view.levels_text(self.model)
        visited, level = self.q.given()
        current = "" if not visited else (t("prompt.skipped") if level is None else str(level))
        prompt = t("prompt.rate_again", levels=levels, answer=current) if visited else t("prompt.rate", levels=levels)
        action = parse(read_line(prompt), self.model.levels)
        if action.key is Key.LEVEL and action.level is not None:
            self.q.answer(action.level)
        elif action.key is Key.SKIP:
            self.q.skip()
        elif action.key is Key.KEEP:
            if not self.q.keep():
                say(t("prompt.need_answer", levels=levels))
        elif action.key is Key.BACK:
            if self.q.back():
                self._shown = None
            else:
                say(t("prompt.at_first"))
        elif action.key is Key.NOTE:
            self._note(action.text)
        elif action.key is Key.HELP:
            view.help_screen(self.console, self.model, self.app.lang)
            self._shown = None
        elif action.key is Key.QUIT:
            raise _Quit
        elif action.key is Key.OFF_SCALE:
            say(t("prompt.off_scale", value=action.level, levels=levels))
        else:
            say(t("prompt.invalid", value=action.text, levels=levels))

    def _note(self, inline: str) -> None:
        text = inline
        if not text:
            has_note = self.q.indicator_id in self.q.notes
            text = read_line(t("prompt.note_edit") if has_note else t("prompt.note_new"))
            if not text.strip():
                say(t("prompt.note_unchanged"), dim=True)
                return
        if text.strip() == "-":
            self.q.set_note("")
            say(t("prompt.note_removed"))
        else:
            self.q.set_note(text)
            say(t("prompt.note_saved"))

    def _confirm(self) -> str:
        from careerkit.render import questionnaire_view as view

        partial = view.summary(self.console, self.q, self.app.lang,
                               role=self.model.role(self.role) if self.role else None)
        return save_keep_or_back(t("scores.confirm_partial" if partial else "prompt.confirm"))

    # ------------------------------------------------------------------ writing

    def _keep_draft(self) -> None:
        from careerkit.core.assessment import now
        from careerkit.core.questionnaire import to_draft
        from careerkit.store import assessments, snapshots
        from careerkit.store.database import session

        if not self.resumed and not self.q.touched:
            say(t("prompt.nothing_kept"))
            return
        draft = to_draft(self.q, person=self.person, digest=self.loaded.digest, role=self.role,
                         started_at=self.started_at, updated_at=now().isoformat())
        with session(self.app.home.root, write=True) as work:
            snapshots.save(self.app.home.snapshots_dir, self.loaded)
            assessments.save_draft(work, self.person, draft)
        say(t("prompt.draft_kept", answered=self.q.answered, total=self.q.total))
        say(t("prompt.resume_hint", command=self._resume_command()))

    def _resume_command(self) -> str:
        return resume_command(self.app, self.person)

    def _save(self) -> Outcome:
        from careerkit.core.assessment import new_record, now
        from careerkit.store import assessments, snapshots
        from careerkit.store.database import session

        record = new_record(self.model, self.loaded.digest, person=self.person, role=self.role,
                            ratings=self.q.final_ratings(), notes=self.q.notes, taken_at=now())
        with session(self.app.home.root, write=True) as work:
            snapshots.save(self.app.home.snapshots_dir, self.loaded)
            assessments.add(work, record)
            assessments.drop_draft(work, self.person)
        say()
        return self.loaded, record
