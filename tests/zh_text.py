"""How Chinese is written: the checks that catalog entries and rendered Chinese output must pass.

A half-width ``, ; : ? ! ( )`` right next to a Chinese character reads as a typo to a Chinese
reader (``岗位: 柜员``, ``评估;请查看``); code in backticks, ``{placeholders}`` and what fills
them (paths, ids, values) keep their ASCII marks.
"""

from __future__ import annotations

import re

CJK = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]"
HALF = r"[,;:?!()]"
_KEEP = re.compile(r"`[^`]*`|\{[^{}]*\}")
_NEXT_TO_CHINESE = re.compile(rf"{CJK}\s?{HALF}|{HALF}\s?{CJK}")


def half_width_marks(text: str) -> list[str]:
    """The places in ``text`` where a half-width mark touches Chinese text (with a little context)."""
    prose = _KEEP.sub(" ", text)
    found = []
    for match in _NEXT_TO_CHINESE.finditer(prose):
        mark = next(ch for ch in match.group(0) if ch in ",;:?!()")
        at = match.start() + match.group(0).index(mark)
        if prose[at - 1:at].isspace() and prose[at + 1:at + 2].isspace():
            continue  # a key to type (`· ? 帮助`), not punctuation
        found.append(prose[max(0, match.start() - 6):match.end() + 6])
    return found
