"""A rater's HTML packet in a real browser: fill it, press save, collect the file Chromium downloaded.

Skipped, with the reason shown, where Chromium is not installed (CI installs Debian's ``chromium``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess

import pytest

from tests.browser import FLAGS, chromium
from tests.conftest import payload
from tests.test_raters_cli import ALL, assessed, requested  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser

# what a rater does: rate every indicator 2, 3, 4 in turn except every fifth (skipped), write a comment, save
RATER = """
<script>
document.querySelectorAll(".q").forEach(function (q, i) {
  var choices = q.querySelectorAll("input[type=radio]");
  if (i % 5 !== 4) { choices[1 + (i % 3)].checked = true; }
  if (i === 0) { q.querySelector("textarea").value = "办理业务很细心"; }
});
document.querySelector("textarea[name=comment]").value = "Patient <b>and</b> careful";
document.getElementById("save").click();
</script>
"""


def test_page_is_self_contained(requested, tmp_path):  # noqa: F811
    page = (tmp_path / "out" / "张强.html").read_text(encoding="utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"<script[^>]+src=|<link|@import|url\(|https?://", page)
    assert all(f'data-id="{iid}"' in page for iid in ALL)


def test_fill_save_and_collect_the_downloaded_file(run, requested, assessed, tmp_path):  # noqa: F811
    browser = chromium()
    page = tmp_path / "out" / "张强.html"
    filled = tmp_path / "filled.html"
    filled.write_text(page.read_text(encoding="utf-8") + RATER, encoding="utf-8")
    user_home = tmp_path / "rater-home"
    user_home.mkdir()
    result = subprocess.run([browser, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
                             "--dump-dom", filled.as_uri()], capture_output=True, timeout=120, check=False,
                            env={**os.environ, "HOME": str(user_home)})
    dom = result.stdout.decode("utf-8")
    assert 'id="saved"' in dom, result.stderr.decode(errors="replace")[-2000:]
    saved = user_home / "Downloads" / "张强.answers.yaml"
    assert saved.is_file(), sorted(p.name for p in user_home.rglob("*"))
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["ratings"][ALL[0]] == 2 and data["ratings"][ALL[4]] is None
    assert data["notes"] == {ALL[0]: "办理业务很细心"} and data["comment"] == "Patient <b>and</b> careful"
    res = run("review", "collect", str(saved), "--json")
    assert res.exit_code == 0, res.output
    assert payload(res.stdout)["taken"][0]["rater"] == "张强"
    status = payload(run("review", "status", requested["request"], "--json").stdout)
    assert [r["status"] for r in status["raters"] if r["name"] == "张强"] == ["answered"]
