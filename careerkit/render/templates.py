"""Jinja2 environments for everything careerkit renders to a file.

Rules (the same for plans, tracker sheets, reports and team summaries):

- built-in templates ship in the package's ``templates/`` folder; a file of the same
  name in ``<home>/templates/`` overrides one, and ``--template FILE`` replaces it;
- every template renders in Jinja2's immutable sandbox, and sees plain data only
  (dicts, lists, strings, numbers, booleans, None): :func:`plain` refuses anything else,
  so no path, model or store object can be reached from a template;
- HTML output is autoescaped, so notes with markup or template syntax stay text;
- an undefined variable fails loudly (``StrictUndefined``) with the template's name and line;
- a template may include only files in its own folder (no ``..``, absolute path or
  symlink leading out);
- output larger than :data:`MAX_OUTPUT` or rendering longer than :data:`MAX_SECONDS` stops
  with a clear error.

Errors are :class:`~careerkit.errors.InputError` (exit 2), naming the template and line.
"""

from __future__ import annotations

import math
import os
import re
import signal
import threading
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from careerkit.errors import InputError

MAX_OUTPUT = 8 * 1024 * 1024
MAX_SECONDS = 5.0


def builtin_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    inside = package / "templates"
    return inside if inside.is_dir() else package.parent / "templates"


def plain(value: Any, _depth: int = 0) -> Any:
    """A deep copy of ``value`` made of plain data only; anything else is a programming error."""
    if _depth > 50:
        raise TypeError("template context nested too deeply")
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): plain(v, _depth + 1) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v, _depth + 1) for v in value]
    raise TypeError(f"not plain data for a template: {type(value).__name__}")


class _Timeout(Exception):
    pass


def _loader_class():  # type: ignore[no-untyped-def]
    from jinja2 import FileSystemLoader, TemplateNotFound

    class ConfinedLoader(FileSystemLoader):
        """A FileSystemLoader that refuses files whose real path leaves its folders."""

        def get_source(self, environment, template):  # type: ignore[no-untyped-def]
            if os.path.isabs(template) or template.startswith(("/", "\\")):
                raise TemplateNotFound(template)
            source, filename, uptodate = super().get_source(environment, template)
            real = os.path.realpath(filename)
            roots = [os.path.realpath(p) for p in self.searchpath]
            if not any(real == r or real.startswith(r + os.sep) for r in roots):
                raise TemplateNotFound(template)
            return source, filename, uptodate

    return ConfinedLoader


# Printing any of these would show a Python object rather than data: a template that
# manages to do so is stopped (the last line of defence behind the sandbox, the removed
# globals, list-returning filters and `finalize`).
_INTERNALS = re.compile(  # also in their HTML-escaped form
    r"(?:<|&lt;)(?:class |function |built-in |bound method |method-wrapper |slot wrapper |generator object |"
    r"coroutine object |async_generator object |module |code object |frame |cell at |TemplateReference|"
    r"LoopContext|Macro |Undefined|jinja2\.|careerkit\.)| at 0x[0-9a-fA-F]{4,}(?:>|&gt;)"
)
_LAZY_FILTERS = ("map", "select", "reject", "selectattr", "rejectattr", "batch", "slice")


def _filters(env: Any) -> dict[str, Callable[..., Any]]:
    def score(value: Any, digits: int = 2) -> str:
        return "—" if value is None else f"{float(value):.{digits}f}"

    def pct(value: Any) -> str:
        return "—" if value is None else f"{float(value):.0f}%"

    out: dict[str, Callable[..., Any]] = {"score": score, "pct": pct}
    for name in _LAZY_FILTERS:  # generators print as "<generator object ...>": make them lists
        out[name] = _eager(env.filters[name])
    groupby = env.filters["groupby"]

    def plain_groupby(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        return [{"grouper": g.grouper, "list": list(g.list)} for g in groupby(*args, **kwargs)]

    plain_groupby.jinja_pass_arg = getattr(groupby, "jinja_pass_arg", None)  # type: ignore[attr-defined]
    out["groupby"] = plain_groupby
    return out


def _eager(func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> list[Any]:
        return list(func(*args, **kwargs))

    wrapper.jinja_pass_arg = getattr(func, "jinja_pass_arg", None)  # type: ignore[attr-defined]
    return wrapper


def _finalize(value: Any) -> Any:
    """Every ``{{ }}`` must print data, never an object, a function or a class."""
    if value is None or isinstance(value, (str, int, float, list, dict, tuple)):
        return value
    from jinja2 import Undefined
    from jinja2.exceptions import SecurityError

    if isinstance(value, Undefined):
        return value  # StrictUndefined then fails loudly with the variable's name

    raise SecurityError("a template may print data only, not a Python object")


def environment(search: list[Path], *, html: bool):  # type: ignore[no-untyped-def]
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        loader=_loader_class()([str(p) for p in search]),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        finalize=_finalize,
    )
    # Jinja's default globals (lipsum, cycler, joiner, namespace, dict) are functions and
    # classes; a template needs data only. `range` stays: the sandbox caps it.
    env.globals = {"range": env.globals["range"]}
    env.filters.update(_filters(env))
    return env


def resolve(name: str, *, user_dir: Path | None, template_file: Path | None) -> tuple[list[Path], str]:
    """The search path and template name for built-in template ``name`` and the user's choices."""
    if template_file is not None:
        if not template_file.is_file():
            raise InputError("templates.no_file", path=str(template_file))
        return [template_file.parent.absolute(), builtin_dir()], template_file.name
    search = []
    if user_dir is not None and (user_dir / name).is_file():
        search.append(user_dir)
    search.append(builtin_dir())
    return search, name


def render(name: str, context: Mapping[str, Any], *, user_dir: Path | None = None,
           template_file: Path | None = None, html: bool | None = None) -> str:
    """Render a template with plain-data ``context``, under the sandbox and the caps."""
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    search, template_name = resolve(name, user_dir=user_dir, template_file=template_file)
    is_html = template_name.endswith((".html", ".htm", ".html.j2")) if html is None else html
    env = environment(search, html=is_html)
    data = plain(dict(context))
    if "punct" not in data:  # the marks of the output's language: {{ labels.goal }}{{ punct.colon }}
        from careerkit.i18n import punctuation

        data["punct"] = dict(punctuation(data.get("lang") if isinstance(data.get("lang"), str) else None))
    try:
        template = env.get_template(template_name)
        output = _capped(lambda: template.generate(**data), template_name)
        if _INTERNALS.search(output):
            raise InputError("templates.internals", name=template_name)
        return output
    except TemplateSyntaxError as exc:
        raise InputError("templates.syntax", name=exc.filename or exc.name or template_name,
                         line=exc.lineno, error=exc.message) from None
    except TemplateNotFound as exc:
        raise InputError("templates.not_found", name=template_name, missing=str(exc)) from None
    except TemplateError as exc:
        where, line = _template_line(exc, template_name)
        raise InputError("templates.render", name=where, line=line, error=str(exc).splitlines()[0]) from None
    except _Timeout:
        raise InputError("templates.too_slow", name=template_name, seconds=MAX_SECONDS) from None
    except RecursionError:
        raise InputError("templates.too_deep", name=template_name) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError) as exc:
        where, line = _template_line(exc, template_name)
        raise InputError("templates.render", name=where, line=line, error=f"{type(exc).__name__}: {exc}") from None


def _capped(generate: Callable[[], Any], name: str) -> str:
    parts: list[str] = []
    size = 0
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = None
    if use_alarm:
        def on_alarm(_signum, _frame):  # type: ignore[no-untyped-def]
            raise _Timeout

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    try:
        for chunk in generate():
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise InputError("templates.too_big", name=name, limit=MAX_OUTPUT // (1024 * 1024))
            parts.append(chunk)
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return "".join(parts)


def _template_line(exc: BaseException, name: str) -> tuple[str, int | str]:
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        filename = frame.filename or ""
        if filename.endswith((".j2", ".html", ".md", ".txt")) or filename == "<template>":
            return Path(filename).name, frame.lineno or "?"
    return name, "?"
