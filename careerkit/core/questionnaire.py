"""The self-assessment questionnaire as a terminal-free state machine.

One :class:`Questionnaire` walks the model's indicators in order. Each indicator is
either unvisited (absent from ``ratings``), answered (a level) or skipped (``None``).
The terminal front end (:mod:`careerkit.cli.assess_prompt`) only reads lines, turns
them into an :class:`Action` with :func:`parse` and calls one method; everything that
decides what happens next lives here, so it can be tested without a terminal.

A draft is the questionnaire's state as a plain dict (:func:`to_draft`), stored by
:mod:`careerkit.store.assessments` and never shown in history::

    {"person", "model": {"id", "version", "digest"}, "role", "started_at", "updated_at",
     "position", "ratings": {indicator: level|None}, "notes": {indicator: text}}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypedDict

from careerkit.core import scoring
from careerkit.core.assessment import ModelRef
from careerkit.model.schema import Competency, CompetencyModel, Indicator


class Key(StrEnum):
    LEVEL = "level"
    KEEP = "keep"  # Enter: keep the answer already given (after going back or resuming)
    SKIP = "skip"
    BACK = "back"
    NOTE = "note"
    HELP = "help"
    QUIT = "quit"
    OFF_SCALE = "off-scale"  # a number that is not a level of the scale
    INVALID = "invalid"


_WORDS = {
    "s": Key.SKIP, "skip": Key.SKIP,
    "b": Key.BACK, "back": Key.BACK,
    "n": Key.NOTE, "note": Key.NOTE,
    "?": Key.HELP, "h": Key.HELP, "help": Key.HELP,
    "q": Key.QUIT, "quit": Key.QUIT,
}


_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")


@dataclass(frozen=True)
class Action:
    key: Key
    level: int | None = None
    text: str = ""  # the note given inline (``n my evidence``), or the raw input for messages


def parse(line: str, levels: Sequence[int]) -> Action:
    """What one line typed at the rating prompt asks for.

    Full-width digits and punctuation (a Chinese input method) count as their ASCII
    forms; ``n TEXT`` sets the note in one go.
    """
    raw = line.strip()
    text = unicodedata.normalize("NFKC", raw)
    if not text:
        return Action(Key.KEEP)
    word, _, rest = text.partition(" ")
    key = _WORDS.get(word.lower())
    if key is Key.NOTE:
        parts = raw.split(maxsplit=1)  # the note as typed: full-width punctuation kept
        return Action(Key.NOTE, text=parts[1].strip() if len(parts) > 1 else "")
    if key is not None and not rest.strip():
        return Action(key)
    if _NUMBER.fullmatch(text):
        value = int(text)
        return Action(Key.LEVEL, value) if value in levels else Action(Key.OFF_SCALE, value, raw)
    return Action(Key.INVALID, text=raw)


@dataclass(frozen=True)
class Progress:
    competency: int  # 1-based position of the current competency
    competencies: int
    indicator: int  # 1-based position inside the competency
    indicators: int
    answered: int
    skipped: int
    total: int


@dataclass
class Questionnaire:
    model: CompetencyModel
    ratings: dict[str, int | None] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    position: int = 0

    def __post_init__(self) -> None:
        self.items: list[tuple[int, Competency, Indicator]] = [
            (ci, comp, ind) for ci, comp in enumerate(self.model.competencies) for ind in comp.indicators
        ]
        self.position = max(0, min(self.position, len(self.items)))

    # ------------------------------------------------------------------ where we are

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def done(self) -> bool:
        return self.position >= len(self.items)

    @property
    def current(self) -> tuple[Competency, Indicator]:
        _, comp, ind = self.items[self.position]
        return comp, ind

    @property
    def indicator_id(self) -> str:
        comp, ind = self.current
        return f"{comp.id}.{ind.id}"

    @property
    def answered(self) -> int:
        return sum(1 for v in self.ratings.values() if v is not None)

    @property
    def skipped(self) -> int:
        """Visited and skipped; unvisited indicators also count as skipped once the end is reached."""
        visited_skips = sum(1 for v in self.ratings.values() if v is None)
        return visited_skips + (self.total - len(self.ratings) if self.done else 0)

    @property
    def touched(self) -> bool:
        return bool(self.ratings or self.notes)

    def progress(self) -> Progress:
        index = min(self.position, self.total - 1)
        comp_index, comp, ind = self.items[index]
        return Progress(comp_index + 1, len(self.model.competencies), comp.indicators.index(ind) + 1,
                        len(comp.indicators), self.answered, self.skipped, self.total)

    def given(self) -> tuple[bool, int | None]:
        """Whether the current indicator was already visited, and its answer."""
        iid = self.indicator_id
        return iid in self.ratings, self.ratings.get(iid)

    # ------------------------------------------------------------------ moves

    def answer(self, level: int) -> None:
        if level not in self.model.levels:
            raise ValueError(level)
        self.ratings[self.indicator_id] = level
        self.position += 1

    def skip(self) -> None:
        self.ratings[self.indicator_id] = None
        self.position += 1

    def keep(self) -> bool:
        """Enter: move on with the answer already given; False when there is none yet."""
        if self.indicator_id not in self.ratings:
            return False
        self.position += 1
        return True

    def back(self) -> bool:
        """Go to the previous indicator, across competencies; False at the first one."""
        if self.position == 0:
            return False
        self.position -= 1
        return True

    def set_note(self, text: str) -> None:
        """Set the current indicator's note; empty text removes it."""
        text = text.strip()
        if text:
            self.notes[self.indicator_id] = text
        else:
            self.notes.pop(self.indicator_id, None)

    # ------------------------------------------------------------------ results

    def final_ratings(self) -> dict[str, int | None]:
        """Every indicator of the model, unvisited ones as skipped."""
        return {iid: self.ratings.get(iid) for iid in self.model.indicator_ids()}

    def preview(self) -> dict[str, scoring.CompetencyResult]:
        """Per-competency scores without any role: what the summary shows before saving."""
        return scoring.score(self.model, self.final_ratings(), None).competencies


# ----------------------------------------------------------------------------- drafts


class DraftRecord(TypedDict):
    """An unfinished assessment (person's file, table ``drafts``): where the questions stopped."""

    person: str
    model: ModelRef
    role: str | None
    started_at: str
    updated_at: str
    position: int
    ratings: dict[str, int | None]    # the indicators answered or skipped so far
    notes: dict[str, str]


def to_draft(q: Questionnaire, *, person: str, digest: str, role: str | None, started_at: str,
             updated_at: str) -> DraftRecord:
    return {
        "person": person,
        "model": {"id": q.model.id, "version": q.model.version, "digest": digest},
        "role": role,
        "started_at": started_at,
        "updated_at": updated_at,
        "position": q.position,
        "ratings": dict(q.ratings),
        "notes": dict(q.notes),
    }


def from_draft(model: CompetencyModel, draft: DraftRecord) -> Questionnaire:
    """The questionnaire a draft left off; anything that does not fit the model is dropped."""
    known = set(model.indicator_ids())
    levels = set(model.levels)
    ratings = {k: v for k, v in (draft.get("ratings") or {}).items()
               if k in known and (v is None or (isinstance(v, int) and v in levels))}
    notes = {k: v for k, v in (draft.get("notes") or {}).items() if k in known and isinstance(v, str) and v}
    position = draft.get("position")
    return Questionnaire(model, ratings, notes, position if isinstance(position, int) else 0)


def draft_counts(draft: DraftRecord) -> tuple[int, int]:
    """Answered and visited-then-skipped indicators of a stored draft."""
    values = list((draft.get("ratings") or {}).values())
    return sum(1 for v in values if v is not None), sum(1 for v in values if v is None)
