"""PDF from an HTML page, printed for real by the installed Chromium (headless ``--print-to-pdf``).

careerkit's HTML pages carry their own print rules (A4, margins, page breaks), so the PDF is what
the browser's "Print to PDF" would give. No browser, no PDF: the caller refuses ``.pdf`` with a
message saying so, rather than writing HTML under a PDF name.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from careerkit.errors import InputError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
TIMEOUT = 90.0


def browser() -> str | None:
    """The headless-capable browser found on PATH (env CAREERKIT_CHROMIUM names one explicitly)."""
    named = os.environ.get("CAREERKIT_CHROMIUM")
    if named is not None:
        return named if named and os.access(named, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(html: str, *, name: str) -> bytes:
    """The PDF Chromium prints from ``html``; ``name`` (the output file) is for messages only."""
    exe = browser()
    if exe is None:
        raise InputError("plan.no_browser", path=name)
    with tempfile.TemporaryDirectory(prefix="careerkit-pdf-") as tmp:
        page, out, profile = Path(tmp) / "page.html", Path(tmp) / "page.pdf", Path(tmp) / "profile"
        page.write_text(html, encoding="utf-8")
        command = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
                   f"--user-data-dir={profile}", f"--print-to-pdf={out}", page.as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError("plan.pdf_failed", path=name, error=type(exc).__name__) from None
        data = out.read_bytes() if out.is_file() else b""
        if not data.startswith(b"%PDF"):
            last = (done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no output"])[-1]
            raise InputError("plan.pdf_failed", path=name, error=last[:200])
        return data
