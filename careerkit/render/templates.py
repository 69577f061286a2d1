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
- output larger than :data:`MAX_OUTPUT`, compiling and rendering longer than
  :data:`MAX_SECONDS` or needing more than :data:`MAX_MEMORY` more memory stops with a
  clear error. Compilation is inside the caps because Jinja folds constant expressions
  when it compiles; filters and ``*``, ``**`` and ``%`` are never folded, and those three
  are refused when their result would be huge (``10 ** 300000000``, ``"x" * 3000000000``,
  ``"%999999999d" % 1``).

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
from typing import TYPE_CHECKING, Any

from careerkit.errors import InputError

if TYPE_CHECKING:
    from jinja2 import Environment, FileSystemLoader
    from jinja2.sandbox import ImmutableSandboxedEnvironment
from careerkit.i18n import punctuation, t

MAX_OUTPUT = 8 * 1024 * 1024
MAX_SECONDS = 5.0
MAX_MEMORY = 1024 * 1024 * 1024  # bytes a template may allocate beyond what the process holds (Linux)
MAX_POWER_BITS = 4096  # an integer power larger than this many bits is refused
_FORMAT_WIDTH = re.compile(r"%[-#0 +]*(?:\*|\d{5,})|%[-#0 +]*\d*\.(?:\*|\d{5,})")


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


def _loader_class() -> type[FileSystemLoader]:
    from jinja2 import FileSystemLoader, TemplateNotFound

    class ConfinedLoader(FileSystemLoader):
        """A FileSystemLoader that refuses files whose real path leaves its folders."""

        def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
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

    plain_groupby.jinja_pass_arg = getattr(groupby, "jinja_pass_arg", None)  # type: ignore[attr-defined]  # Jinja reads this mark off the function
    out["groupby"] = plain_groupby
    return out


def _eager(func: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> list[Any]:
        return list(func(*args, **kwargs))

    wrapper.jinja_pass_arg = getattr(func, "jinja_pass_arg", None)  # type: ignore[attr-defined]  # Jinja reads this mark off the function
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


def _too_big(what: str) -> Exception:
    from jinja2.exceptions import SecurityError

    return SecurityError(f"{what} would be too large (at most {MAX_OUTPUT // (1024 * 1024)} MB)")


def _call_binop(env: Any, context: Any, operator: str, left: Any, right: Any) -> Any:
    """``*``, ``**`` and ``%``, refused when the result would be huge (see the module's doc)."""
    if operator == "**" and type(left) is int and type(right) is int and right > 0 and abs(left) > 1 \
            and right * (abs(left).bit_length() - 1) > MAX_POWER_BITS:
        raise _too_big(f"{left} ** {right}")
    if operator == "*":
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, (str, list, tuple)) and type(times) is int and len(seq) * times > MAX_OUTPUT:
                raise _too_big("a repetition")
    if operator == "%" and isinstance(left, str) and _FORMAT_WIDTH.search(left):
        raise _too_big("a formatted string")
    return env.binop_table[operator](left, right)


def environment(search: list[Path], *, html: bool) -> ImmutableSandboxedEnvironment:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Environment(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "%"})  # never folded at compile time, checked when run

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            return _call_binop(self, context, operator, left, right)

    env = Environment(
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
    env.filters = {name: _unfoldable(func) for name, func in env.filters.items()}
    return env


def check_folder(folder: Path) -> tuple[int, list[tuple[Path, str]]]:
    """How many files ``folder`` holds, and each one that does not parse as a template, with why.

    For `careerkit doctor` (:mod:`careerkit.store.health`), which needs no Jinja2 of its own.
    """
    from jinja2 import TemplateSyntaxError

    names = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
    env = environment([folder], html=False)
    problems = []
    for path in names:
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as exc:
            problems.append((path, t("templates.syntax", name=path.name, line=exc.lineno, error=exc.message)))
        except (UnicodeDecodeError, OSError) as exc:
            problems.append((path, t("doctor.bad_template", path=str(path), error=str(exc))))
    return len(names), problems


def _unfoldable(func: Callable[..., Any]) -> Callable[..., Any]:
    """``func`` as a filter Jinja cannot run when it compiles (it needs the context, which only rendering has).

    Jinja runs a filter on constant arguments at compile time (``"x"|center(300000000)``),
    and writes the result into the compiled code: outside the caps of :func:`_capped`.
    """
    from jinja2 import pass_context
    from jinja2.utils import _PassArg

    kind = _PassArg.from_obj(func)

    @pass_context
    def filter_(context: Any, *args: Any, **kwargs: Any) -> Any:
        if kind is _PassArg.context:
            return func(context, *args, **kwargs)
        if kind is _PassArg.eval_context:
            return func(context.eval_ctx, *args, **kwargs)
        if kind is _PassArg.environment:
            return func(context.environment, *args, **kwargs)
        return func(*args, **kwargs)

    return filter_


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

        data["punct"] = dict(punctuation(data.get("lang") if isinstance(data.get("lang"), str) else None))
    try:
        # compiled inside the caps: Jinja folds constant expressions when it compiles
        output = _capped(lambda: env.get_template(template_name).generate(**data), template_name)
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
    except MemoryError:
        raise InputError("templates.too_much_memory", name=template_name,
                         limit=MAX_MEMORY // (1024 * 1024)) from None
    except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError) as exc:
        where, line = _template_line(exc, template_name)
        raise InputError("templates.render", name=where, line=line, error=f"{type(exc).__name__}: {exc}") from None


def _capped(generate: Callable[[], Any], name: str) -> str:
    parts: list[str] = []
    size = 0
    use_alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous = None
    if use_alarm:
        def on_alarm(_signum: int, _frame: object) -> None:
            raise _Timeout

        previous = signal.signal(signal.SIGALRM, on_alarm)
        signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
    memory = _memory_cap() if use_alarm else None
    try:
        for chunk in generate():
            size += len(chunk)
            if size > MAX_OUTPUT:
                raise InputError("templates.too_big", name=name, limit=MAX_OUTPUT // (1024 * 1024))
            parts.append(chunk)
    finally:
        if memory is not None:
            memory()
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    return "".join(parts)


def _memory_cap() -> Callable[[], None] | None:
    """Limit the address space to what the process uses now plus :data:`MAX_MEMORY`; returns the undo.

    Linux only (elsewhere, or when the size cannot be read, nothing is limited): an
    allocation past the cap then fails with MemoryError instead of taking the machine.
    """
    try:
        import resource

        with open("/proc/self/statm", "rb") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + MAX_MEMORY
        if soft != resource.RLIM_INFINITY and soft <= cap:
            return None  # already capped tighter by the user
        if hard != resource.RLIM_INFINITY:
            cap = min(cap, hard)
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError, AttributeError):
        return None

    def undo() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))

    return undo


def _template_line(exc: BaseException, name: str) -> tuple[str, int | str]:
    frames = traceback.extract_tb(exc.__traceback__)
    for frame in reversed(frames):
        filename = frame.filename or ""
        if filename.endswith((".j2", ".html", ".md", ".txt")) or filename == "<template>":
            return Path(filename).name, frame.lineno or "?"
    return name, "?"
