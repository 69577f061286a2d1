"""The models a team store keeps, by the name team summaries use for them.

A bundle carries each model version as the canonical JSON object its digest is taken of;
`team import` checks every new one and `team summary` reads it through the one model reader,
:func:`careerkit.model.schema.read` (no pydantic: its start-up alone would cost more than a
whole summary of 200 people). ``ModelView`` is that reader's record, :class:`CompetencyModel`.
"""

from __future__ import annotations

from typing import TypeAlias

from careerkit.model.schema import CompetencyModel, read

ModelView: TypeAlias = CompetencyModel

__all__ = ["ModelView", "read"]
