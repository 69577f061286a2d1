"""The interactive review: `careerkit review ID` (a mentor) and `review ID --rater NAME:GROUP`.

The same questionnaire as `assess` (:class:`careerkit.cli.assess_prompt.Sitting` over
:mod:`careerkit.core.questionnaire`): the same keys and answer parsing, back shows the
earlier answer, ``q``, end of input, declining to save and Ctrl-C keep a draft. The
indicators are shown as a rater sees them: the observer text (third person), else the
first-person text labelled as the employee's own statement.

A review draft is kept per assessment, rater and group (``mentor`` for a mentor) in the
coordinator's file (:mod:`careerkit.store.raters`), never in the person's: an export
bundle must not carry a rater's half-given answers. ``--resume`` continues it; without it
an existing draft is offered first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from careerkit.cli.ask import EndOfInput, confirm, read_line, save_keep_or_back, say
from careerkit.cli.assess_prompt import Sitting, _Quit, _when, shell_quote
from careerkit.errors import NotFoundError
from careerkit.i18n import program, t

if TYPE_CHECKING:
    from careerkit.cli.app import App
    from careerkit.core.assessment import AssessmentRecord
    from careerkit.core.questionnaire import Questionnaire
    from careerkit.model.schema import CompetencyModel

MENTOR = "mentor"  # the draft's group of a mentor's (180°) review


@dataclass(frozen=True)
class Given:
    """What a rater gave: every indicator (unvisited ones as skipped), notes and the overall comment."""

    ratings: dict[str, int | None]
    notes: dict[str, str]
    comment: str | None


Preview = Callable[[Given], None]
Finish = Callable[[Any, Given], Any]  # (the write session, the answers) → what run returns


def run_review(app: App, model: CompetencyModel, record: AssessmentRecord, *, rater: str, group: str,
               intro: str, comment: str | None, resume: bool, preview: Preview, finish: Finish,
               rater_option: str) -> Any:
    """Ask, then save through ``finish`` (in the commit that drops the draft); ``None`` when nothing was saved."""
    from careerkit.core.assessment import now
    from careerkit.core.questionnaire import Questionnaire, from_draft
    from careerkit.store import raters as store
    from careerkit.store.database import session

    with session(app.home.root) as work:
        draft = store.get_draft(work, record["id"], rater, group)
    if resume and draft is None:
        raise NotFoundError("review.no_draft", name=rater, assessment=record["id"])
    if draft is not None and not resume:
        from careerkit.core.questionnaire import draft_counts

        say(t("review.draft_found", name=rater, date=_when(draft.get("updated_at")), answered=draft_counts(draft)[0]))  # type: ignore[arg-type]  # a rater draft: the questionnaire keys plus its own
        try:
            resume = confirm(t("prompt.resume_question"), default=True)
        except EndOfInput:
            say(t("prompt.draft_untouched"))
            return None
        if not resume:
            say(t("review.draft_replaced_later"))
    if resume and draft is not None:
        q = from_draft(model, draft)  # type: ignore[arg-type]  # a rater draft: the questionnaire keys plus its own
        started = draft.get("started_at") or ""
        if comment is None:
            comment = draft.get("comment")
    else:
        q, started = Questionnaire(model), now().isoformat()
    sitting = ReviewSitting(app, model, record, rater, group, q, started_at=started, resumed=bool(resume),
                            intro_key=intro, comment=comment, preview=preview, finish=finish,
                            rater_option=rater_option)
    return sitting.run()


class ReviewSitting(Sitting):
    """One run of a review's questions, ending in a saved review (or answer) or a kept draft."""

    def __init__(self, app: App, model: CompetencyModel, record: AssessmentRecord, rater: str, group: str,
                 q: Questionnaire, *, started_at: str, resumed: bool, intro_key: str, comment: str | None,
                 preview: Preview, finish: Finish, rater_option: str) -> None:
        from careerkit.model.loader import LoadedModel

        super().__init__(app, LoadedModel(model, None, "snapshot"), rater, None, q, started_at=started_at,
                         resumed=resumed)
        self.record = record
        self.group = group
        self.intro_key = intro_key
        self.comment = comment
        self.preview = preview
        self.finish = finish
        self.rater_option = rater_option
        self.result: Any = None

    def run(self) -> Any:
        from careerkit.render import questionnaire_view as view
        from careerkit.render.terminal import escape

        console = self.console
        console.print()
        console.print(t(self.intro_key, person=escape(self.record["person"]), date=self.record["taken_at"][:10],
                        model=escape(self.model.text(self.model.title, self.app.lang))))
        console.print()
        view.legend(console, self.model, self.app.lang)
        console.print(view.keys_line(self.model), style="dim")
        if self.resumed:
            say(t("prompt.resuming", date=_when(self.started_at), answered=self.q.answered,
                  skipped=self.q.skipped, total=self.q.total))
        return self.result if super().run() is not None else None

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
                       note=self.q.notes.get(self.q.indicator_id), lang=self.app.lang, observer=True)
        self._shown = self.q.position

    def _given(self) -> Given:
        return Given(self.q.final_ratings(), dict(self.q.notes), self.comment or None)

    def _confirm(self) -> str:
        if self.comment is None:
            self.comment = read_line(t("review.comment_prompt") + ": ").strip()
        say(t("prompt.counts", answered=self.q.answered, skipped=self.q.skipped, total=self.q.total))
        self.preview(self._given())
        choice = save_keep_or_back(t("review.confirm_save"))
        if choice == "keep":
            say(t("review.not_saved"))
            raise _Quit
        return choice

    def _keep_draft(self) -> None:
        from careerkit.core.assessment import now
        from careerkit.store import raters as store
        from careerkit.store.database import session

        if not self.resumed and not self.q.touched:
            say(t("prompt.nothing_kept"))
            return
        draft = {"assessment": self.record["id"], "rater": self.person, "group": self.group,
                 "model": dict(self.record["model"]), "started_at": self.started_at,
                 "updated_at": now().isoformat(), "position": self.q.position, "ratings": dict(self.q.ratings),
                 "notes": dict(self.q.notes), "comment": self.comment}
        with session(self.app.home.root, write=True) as work:
            store.save_draft(work, draft)
        say(t("review.draft_kept", answered=self.q.answered, total=self.q.total))
        say(t("prompt.resume_hint", command=self._resume_command()))

    def _resume_command(self) -> str:
        from careerkit.home import Home

        parts = [program()]
        if Home.resolve(None).root != self.app.home.root:
            parts += ["--home", shell_quote(str(self.app.home.root))]
        parts += ["review", self.record["id"], self.rater_option, shell_quote(self.person), "--resume"]
        if self.rater_option == "--rater":
            parts[-2] = shell_quote(f"{self.person}:{self.group}")
        return " ".join(parts)

    def _save(self) -> Any:
        from careerkit.store import raters as store
        from careerkit.store.database import session

        given = self._given()
        with session(self.app.home.root, write=True) as work:
            self.result = self.finish(work, given)
            store.drop_draft(work, self.record["id"], self.person, self.group)
        say()
        return self.loaded, self.result
