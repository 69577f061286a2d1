"""The HTML plan in a real browser: headless Chromium draws it, and prints it to an A4 PDF.

Skipped, with the reason shown, where Chromium is not installed (CI installs Debian's
``chromium``). The screenshot is decoded with zlib in pure Python: no image library.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from careerkit.model.loader import load_file
from tests.browser import browse, decode_png, pixels
from tests.conftest import payload

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
BANK = load_file(ROOT / "competencies" / "bank-customer-service.yaml").model
def self_blue(colour: tuple[int, int, int]) -> bool:
    """The self series' stroke (#2563eb in plan.html.j2) and its anti-aliased edges."""
    r, g, b = colour
    return b >= 180 and b - r >= 70 and b - g >= 40


def mentor_orange(colour: tuple[int, int, int]) -> bool:
    """The mentor series' stroke (#d97706) and its anti-aliased edges."""
    r, g, b = colour
    return r >= 180 and r - b >= 100 and 60 <= g <= 190


@pytest.fixture
def plan_html(run, tmp_path: Path) -> Path:
    """A reviewed assessment of Li Wei and its plan, rendered to a self-contained HTML file."""
    ratings = dict.fromkeys(BANK.indicator_ids(), 3)
    ratings.update({iid: 2 for iid in ratings if iid.startswith(("compliance.", "knowledge."))})
    ratings.update({iid: 4 for iid in ratings if iid.startswith("etiquette.")})
    self_doc = {"model": "bank-customer-service", "person": "Li Wei", "role": "teller", "date": "2026-09-01",
                "ratings": ratings}
    # the mentor sees more in communication (a hidden strength) and less in etiquette (a blind spot)
    mentor = dict(ratings, **{iid: 4 for iid in ratings if iid.startswith("communication.")},
                  **{iid: 2 for iid in ratings if iid.startswith("etiquette.")})
    (tmp_path / "self.json").write_text(json.dumps(self_doc), encoding="utf-8")
    (tmp_path / "mentor.json").write_text(json.dumps({
        "model": "bank-customer-service", "mentor": "Wang Fang", "ratings": mentor,
        "notes": {"knowledge.products": "<img src=x onerror=alert(1)>"}}), encoding="utf-8")
    record = payload(run("assess", "--allow-partial", "--answers", str(tmp_path / "self.json"), "--json").stdout)
    assert run("review", record["id"], "--answers", str(tmp_path / "mentor.json")).exit_code == 0
    target = tmp_path / "plan.html"
    res = run("plan", record["id"], "--format", "html", "-o", str(target))
    assert res.exit_code == 0, res.output
    return target


def test_screenshot_is_not_blank_and_the_chart_is_drawn(plan_html, tmp_path):
    shot = tmp_path / "plan.png"
    result = browse(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", plan_html.as_uri())
    assert shot.is_file() and shot.stat().st_size > 10_000, result.stderr.decode(errors="replace")[-2000:]
    width, height, channels, rows = decode_png(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    colours: set[tuple[int, int, int]] = set()
    blue = orange = ink = 0
    for _x, y, colour in pixels(rows, channels):
        colours.add(colour)
        if sum(colour) < 200:
            ink += 1
        if y < 900:  # the radar sits under "Where you stand", above its legend
            blue += self_blue(colour)
            orange += mentor_orange(colour)
    assert len(colours) > 200, "the page looks blank"
    assert ink > 5_000, "no text drawn"
    assert blue > 150, f"the self polygon is not drawn ({blue} blue pixels)"
    assert orange > 150, f"the mentor polygon is not drawn ({orange} orange pixels)"


def test_dom_has_the_radar_polygons_and_no_injected_markup(plan_html, tmp_path):
    result = browse(tmp_path, "--dump-dom", plan_html.as_uri())
    dom = result.stdout.decode("utf-8")
    assert "</html>" in dom, result.stderr.decode(errors="replace")[-2000:]
    series = dict(re.findall(r'<polygon class="series (\w+)" points="([^"]+)"', dom))
    assert set(series) == {"self", "mentor", "target"}
    for points in series.values():
        pairs = points.split()
        assert len(pairs) == len(BANK.competencies)
        assert all(re.fullmatch(r"-?[\d.]+,-?[\d.]+", p) for p in pairs)
    assert series["self"] != series["mentor"]  # communication and etiquette differ
    assert "<img src=" not in dom and "&lt;img src=x onerror=alert(1)&gt;" in dom


def test_prints_to_an_a4_pdf(plan_html, tmp_path):
    pdf = tmp_path / "plan.pdf"
    result = browse(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", plan_html.as_uri())
    assert pdf.is_file(), result.stderr.decode(errors="replace")[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 20_000
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert 1 <= pages <= 8
    boxes = {tuple(round(float(v)) for v in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", data)}
    assert boxes == {(0, 0, 595, 842)}, boxes  # A4 in points
