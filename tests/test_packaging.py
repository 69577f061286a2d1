"""The wheel carries the built-in models and templates, and works from a fresh environment."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import payload

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_lists_the_builtin_models(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        capture_output=True, text=True, check=False,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    wheel = next(dist.glob("careerkit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "careerkit/competencies/bank-customer-service.yaml" in names
    assert "careerkit/competencies/core-professional.yaml" in names
    assert any(n.startswith("careerkit/templates/") for n in names)

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    py = target / "bin" / "python"
    # The wheel itself is installed by pip, from the file (no index); its dependencies come
    # from this test run's environment through a path entry, which (unlike a site folder)
    # does not run the checkout's editable-install .pth.
    install = subprocess.run([str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                             capture_output=True, text=True, check=False)
    assert install.returncode == 0, install.stderr[-3000:]
    site = Path(subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    env = {**os.environ, "CAREERKIT_HOME": str(tmp_path / "home"), "PYTHONPATH": ""}
    out = subprocess.run([str(target / "bin" / "careerkit"), "models", "list", "--json"], cwd=tmp_path,
                         capture_output=True, text=True, env=env, check=False)
    assert out.returncode == 0, out.stderr
    rows = {r["id"]: r for r in payload(out.stdout)}
    assert {"bank-customer-service", "core-professional"} <= set(rows)
    assert rows["bank-customer-service"]["path"].startswith(str(site))  # found inside the installed wheel
    where = subprocess.run([str(py), "-c", "import careerkit; print(careerkit.__file__)"], cwd=tmp_path,
                           capture_output=True, text=True, env=env, check=True)
    assert where.stdout.startswith(str(site))
    version = subprocess.run([str(py), "-m", "careerkit", "--version"], cwd=tmp_path, capture_output=True,
                             text=True, env=env, check=True)
    from careerkit import __version__

    assert version.stdout.strip() == f"careerkit {__version__}"
