"""Every HTML page careerkit writes, measured in headless Chromium, in Chinese and in English.

The pages come from realistic data on the bank model (tests/pages.py): the plan, the habit
report and tracker sheet, the team summary, the 360° report and a rater's packet. For each,
a copy with a measuring script (and without the page's own script ban) is laid out at the
width of its A4 sheet, and the page itself is printed to PDF:

- the page count of the A4 PDF (a person's habit report is one page);
- the width used: the page fills its sheet and its widest table fills the page;
- no line breaks inside a word: between two Latin letters or digits, or anywhere inside a
  name of the page (competencies, roles, habits, people) where it stands as a label (a text of
  up to 30 characters: a cell, a heading, one item of a list; running Chinese prose breaks
  between any two characters, as Chinese is set), measured per character with
  ``Range.getClientRects`` (horizontal and vertical writing alike); nothing sticks out;
- the frame: a header naming the person or team, the model and a date, no raw digest;
- per page: whole due counts, legend swatches drawn exactly as the marks they explain,
  the bench's count explained, the radar's labels inside the chart and apart, better and
  worse told by shape, not by red and green.

Skipped, with the reason shown, where Chromium is not installed.
"""

from __future__ import annotations

import html
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests import pages
from tests.browser import browse, chromium

pytestmark = pytest.mark.browser

MEASURE = r"""
<script>
(function () {
  var terms = JSON.parse(document.getElementById("ck-terms").textContent);
  var out = {breaks: [], overflow: [], labels: [], swatches: {}, cells: {}};
  var main = document.querySelector("main"), page = document.querySelector(".page");
  var mr = main.getBoundingClientRect(), ms = getComputedStyle(main);
  out.viewport = document.documentElement.clientWidth;
  out.page = page.getBoundingClientRect().width;
  out.content = mr.width - parseFloat(ms.paddingLeft) - parseFloat(ms.paddingRight);
  out.widest = 0;
  main.querySelectorAll("table, form, .stand").forEach(function (e) {
    out.widest = Math.max(out.widest, e.getBoundingClientRect().width);
  });
  main.querySelectorAll("*").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width && (r.right > mr.right + 1 || r.left < mr.left - 1) && !e.closest("svg")) {
      out.overflow.push(e.tagName + "." + e.className + ": " + (e.textContent || "").slice(0, 40));
    }
  });
  var header = document.querySelector("header.top");
  out.header = header.innerText;
  var latin = /[A-Za-z0-9]/;
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  var node, range = document.createRange();
  while ((node = walker.nextNode())) {
    var parent = node.parentElement;
    if (!parent || parent.closest("script, style, svg, textarea, pre, #ck-terms")) continue;
    var text = node.data, vertical = getComputedStyle(parent).writingMode.indexOf("vertical") === 0;
    var prev = null;
    for (var i = 0; i < text.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      var rects = range.getClientRects();
      if (!rects.length || !rects[0].width || /\s/.test(text[i])) { prev = null; continue; }
      var r = rects[0];
      if (prev) {
        var moved = vertical ? Math.abs(r.left - prev.r.left) > r.width / 2
                             : Math.abs(r.top - prev.r.top) > r.height / 2;
        if (moved) {
          var inWord = latin.test(text[prev.i]) && latin.test(text[i]);
          if (text.trim().length <= 30) terms.forEach(function (term) {
            var at = text.indexOf(term);
            while (at >= 0) {
              if (at < i && i < at + term.length) inWord = true;
              at = text.indexOf(term, at + 1);
            }
          });
          if (inWord) out.breaks.push(text.slice(Math.max(0, i - 12), i) + "|" + text.slice(i, i + 12));
        }
      }
      prev = {i: i, r: r};
    }
  }
  document.querySelectorAll("svg.radar").forEach(function (svg) {
    var box = svg.getBoundingClientRect();
    svg.querySelectorAll("text.axis-label").forEach(function (t) {
      var r = t.getBoundingClientRect();
      out.labels.push({text: t.textContent, inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 &&
                       r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5,
                       box: [r.left, r.top, r.right, r.bottom]});
    });
  });
  function look(e) {
    var s = getComputedStyle(e), b = getComputedStyle(e, "::before");
    return {shadow: s.boxShadow, before: b.content, background: s.backgroundColor, text: e.textContent.trim()};
  }
  document.querySelectorAll(".swatch").forEach(function (e) {
    out.swatches[e.className + " " + e.textContent.trim()] = look(e);
  });
  document.querySelectorAll("td.heat").forEach(function (e) {
    var l = look(e); (out.cells[e.className] = out.cells[e.className] || []).push(l);
  });
  out.flags = {};
  document.querySelectorAll(".flag").forEach(function (e) {
    out.flags[e.className] = getComputedStyle(e, "::before").content;
  });
  out.text = main.innerText;
  var pre = document.createElement("pre"); pre.id = "ck-measure"; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
"""
LANDSCAPE = {"team-summary", "habits-sheet"}
# the rater's packet is a form filled on screen (52 questions with their anchors): not printed here
MAX_PAGES = {"habits-report": 1, "habits-sheet": 1, "team-summary": 2, "review-report": 5, "plan": 6}
HEX = re.compile(r"\b[0-9a-f]{12,}\b")


def terms(lang: str) -> list[str]:
    """The names no line may break inside: competencies, roles, habits, people, in ``lang``."""
    model = pages.BANK
    names = [model.text(c.name, lang) for c in model.competencies] + [model.text(r.title, lang) for r in model.roles]
    names += [h[0] if lang == "zh" else h[1] for h in pages.HABITS]
    names += [pages.PERSON[lang]] + [p[0] if lang == "zh" else p[1] for p in pages.TEAM]
    # a Latin name may break at its spaces, not inside its words (checked letter by letter)
    return [n for n in names if lang == "zh" or " " not in n]


def measure(tmp_path: Path, page: Path, lang: str, name: str) -> dict[str, Any]:
    source = page.read_text(encoding="utf-8")
    probe = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", source)
    probe = probe.replace("</body>", f'<script type="application/json" id="ck-terms">{json.dumps(terms(lang))}'
                                     f"</script>{MEASURE}</body>")
    copy = page.with_name(page.stem + ".measure.html")
    copy.write_text(probe, encoding="utf-8")
    size = "1123,794" if name in LANDSCAPE else "794,1123"
    done = browse(_own(tmp_path, name + "-measure"), f"--window-size={size}", "--dump-dom", copy.as_uri())
    found = re.search(r'<pre id="ck-measure">(.*?)</pre>', done.stdout.decode("utf-8"), re.S)
    assert found, done.stderr.decode(errors="replace")[-2000:]
    return json.loads(html.unescape(found.group(1)))


def pdf_pages(tmp_path: Path, page: Path) -> tuple[int, set[tuple[int, ...]]]:
    pdf = page.with_suffix(".pdf")
    done = browse(_own(tmp_path, page.stem + "-pdf"), "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert pdf.is_file(), done.stderr.decode(errors="replace")[-2000:]
    data = pdf.read_bytes()
    boxes = {tuple(round(float(v)) for v in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]+)\]", data)}
    return len(re.findall(rb"/Type\s*/Page\b", data)), boxes


def _own(tmp_path: Path, name: str) -> Path:
    """A folder of one browser run's own (its profile): the runs go in parallel."""
    folder = tmp_path / "browsers" / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_in_one_frame_fits_a4_and_breaks_no_word(run, tmp_path, monkeypatch, lang):
    chromium()  # skips, with the reason, where Chromium is not installed
    monkeypatch.setenv("CAREERKIT_TODAY", pages.TODAY)
    built = pages.build(run, tmp_path / "pages", lang)
    assert set(built) == {*MAX_PAGES, "rater-packet"}
    model_title = pages.BANK.text(pages.BANK.title, lang)
    with ThreadPoolExecutor(max_workers=3) as pool:  # two Chromium runs a page, three at a time
        measured = {name: pool.submit(measure, tmp_path, page, lang, name) for name, page in built.items()}
        printed = {name: pool.submit(pdf_pages, tmp_path, page) for name, page in built.items() if name in MAX_PAGES}
    seen: dict[str, dict[str, Any]] = {}
    for name, page in built.items():
        source = page.read_text(encoding="utf-8")
        assert "<style>\n/* careerkit's one stylesheet" in source, f"{name} is not in the shared frame"
        assert not re.search(r"<link|@import|url\(|https?://|<script[^>]+src=", source), name
        got = seen[name] = measured[name].result()
        if name in printed:
            count, boxes = printed[name].result()
            a4 = {(0, 0, 842, 595)} if name in LANDSCAPE else {(0, 0, 595, 842)}
            assert boxes == a4, (name, boxes)
            assert 1 <= count <= MAX_PAGES[name], f"{name}: {count} A4 pages"
        assert got["page"] >= got["viewport"] - 2, f"{name}: the page is narrower than its sheet"
        assert got["widest"] >= 0.95 * got["content"], \
            f"{name}: its widest block uses {got['widest']:.0f} of {got['content']:.0f}px"
        assert got["breaks"] == [], f"{name}: lines break inside words: {got['breaks'][:5]}"
        assert got["overflow"] == [], f"{name}: sticks out of the page: {got['overflow'][:5]}"
        header = got["header"]
        assert not HEX.search(header), f"{name}: a raw digest in the header: {header!r}"
        assert model_title in header, f"{name}: the header names no model"
        assert (pages.PERSON[lang] in header) or (name == "team-summary" and "default" in header), name
        if name not in ("habits-sheet",):
            assert re.search(r"\d{4}-\d{2}-\d{2}", header), f"{name}: no date in the header"

    report = seen["habits-report"]["text"]
    assert not re.search(r"\d\.\d", report), "fractional due counts in the habit report"

    team = seen["team-summary"]
    below = team["swatches"]["swatch below-mark "]
    marked = team["cells"]["heat below-mark"]
    assert marked and all((c["shadow"], c["before"]) == (below["shadow"], below["before"]) for c in marked)
    assert below["shadow"] != "none" and "▼" in below["before"]
    levels = {s["text"]: s["background"] for key, s in team["swatches"].items() if key.startswith("swatch level")}
    assert sorted(levels) == ["1", "2", "3", "4", "5"]
    for cells in team["cells"].values():
        for cell in cells:
            if re.fullmatch(r"[1-5]\.0", cell["text"]):
                assert cell["background"] == levels[cell["text"][0]], cell  # the legend is the cells' own shade
            r, _, b = (int(v) for v in re.findall(r"\d+", cell["background"])[:3])
            assert b >= r, f"a heat cell is red-dominant: {cell}"  # one hue, not red to green
    candidates = "晋升路径上人数" if lang == "zh" else "on the path"
    assert "候选人数" not in team["text"] and team["text"].lower().count(candidates) >= 2  # the column and its note

    flags = seen["review-report"]["flags"]
    assert "▼" in flags["flag blind"] and "▲" in flags["flag hidden"]

    labels = seen["plan"]["labels"]
    assert len(labels) == len(pages.BANK.competencies) and all(label["inside"] for label in labels), labels
    for i, one in enumerate(labels):
        for other in labels[i + 1:]:
            assert not overlap(one["box"], other["box"]), (one["text"], other["text"])
