"""The profile: defaults for every command, kept in ``<home>/config.toml``.

Written by ``careerkit init``; every command also runs without it when the needed
options are given. Keys: ``person``, ``model``, ``role``, ``lang``, and ``region``: whose official
calendar ``workdays`` habits follow (``cn``, or ``none`` for Monday to Friday; unset: ``cn``
for Chinese, ``none`` for English; ``careerkit habits calendar --region`` sets it).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from careerkit.errors import InputError

KEYS = ("person", "model", "role", "lang", "region")
REGIONS = ("cn", "none")  # as careerkit.core.habits.workdays.REGIONS, without importing it


@dataclass
class Config:
    person: str | None = None
    model: str | None = None
    role: str | None = None
    lang: str | None = None
    region: str | None = None


def load(path: Path) -> Config:
    """Read the profile; an absent file is an empty profile, a broken one a clear error."""
    import tomllib

    from careerkit.store.files import read_file

    try:
        raw = read_file(path, 2**20)
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise InputError("config.unreadable", path=str(path), error=exc.strerror or str(exc)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("config.invalid", path=str(path), error="not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError("config.invalid", path=str(path), error=str(exc)) from None
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise InputError("config.unknown_key", path=str(path), key=unknown[0], known=", ".join(KEYS))
    config = Config()
    for field in fields(Config):
        value = data.get(field.name)
        if value is not None and not isinstance(value, str):
            raise InputError("config.not_text", path=str(path), key=field.name)
        setattr(config, field.name, value)
    if config.lang is not None and config.lang not in ("en", "zh"):
        raise InputError("config.bad_lang", path=str(path), value=config.lang)
    if config.region is not None and config.region not in REGIONS:
        raise InputError("config.bad_region", path=str(path), value=config.region, known=", ".join(REGIONS))
    return config


def dumps(config: Config) -> str:
    """TOML text of the profile (JSON string escapes are valid TOML basic strings)."""
    lines = ["# careerkit profile: defaults for every command (careerkit init writes it)"]
    for key, value in asdict(config).items():
        if value is not None:
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"
