"""`recall-screen` as a user installs it: the wheel, in its own environment, outside the repository.

A checkout finds `template.yaml` and `events/` beside the code; an installed wheel must carry
them. This builds the wheel with uv, installs it as `uv tool install` does (with the `local`
extra, at the versions uv.lock pins, so the uv cache makes it quick), and runs `--version`,
`demo` and `serve` from a folder that has no repository above it.

uv is the one the Makefile uses (`RECALL_SCREEN_UV`, set by `make test`), else `uv` on PATH;
without either the test is skipped, saying so. Installing needs the package registry or a warm
uv cache. About 20 s; marked `packaging` (`pytest -m "not packaging"` leaves it out).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import urllib.request
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.packaging


def _uv() -> str:
    uv = os.environ.get("RECALL_SCREEN_UV") or shutil.which("uv")
    if not uv:
        pytest.skip("uv not found: set RECALL_SCREEN_UV (make test does) or put uv on PATH")
    return uv


def _run(
    argv: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, f"{argv}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _run([_uv(), "build", "--wheel", "--out-dir", str(dist), str(REPO)], cwd=dist)
    (built,) = dist.glob("recall_screen-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The `recall-screen` executable of a fresh `uv tool install` of the wheel."""
    uv = _uv()
    root = tmp_path_factory.mktemp("tool")
    # The versions uv.lock pins: what the rest of the suite ran against, already in the uv cache.
    pinned = ["--frozen", "--extra", "local", "--no-default-groups", "--no-hashes", "--no-emit-project"]
    exported = _run([uv, "export", *pinned, "--no-header"], cwd=REPO)
    constraints = root / "constraints.txt"
    constraints.write_text(exported.stdout)
    env = {**os.environ, "UV_TOOL_DIR": str(root / "tools"), "UV_TOOL_BIN_DIR": str(root / "bin")}
    requirement = f"recall-screen[local] @ {wheel.as_uri()}"
    _run(
        [uv, "tool", "install", "--python", sys.executable, "--constraints", str(constraints), requirement],
        cwd=root,
        env=env,
    )
    return root / "bin" / "recall-screen"


@pytest.fixture
def user_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment: no AWS or Recall Screen settings, a HOME with no ~/.aws in it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "RECALL_SCREEN_"))}
    env.pop("VIRTUAL_ENV", None)
    env["HOME"] = str(tmp_path)
    return env


def test_the_wheel_carries_the_template_and_events_that_demo_and_serve_read(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert archive.read("recall_screen_cli/_data/template.yaml") == (REPO / "template.yaml").read_bytes()
    events = {f"recall_screen_cli/_data/events/{p.name}" for p in (REPO / "events").glob("*.json")}
    assert events and events <= names
    assert "recall_screen_cli/sample_data/cpsc_recalls_sample.json" in names


def test_version_prints_the_package_version(
    installed: Path, user_env: dict[str, str], tmp_path: Path
) -> None:
    done = _run([str(installed), "--version"], cwd=tmp_path, env=user_env)
    assert done.stdout == f"recall-screen {_project_version()}\n"


def test_demo_runs_from_a_folder_outside_the_repository(
    installed: Path, user_env: dict[str, str], tmp_path: Path
) -> None:
    assert not any((folder / "template.yaml").exists() for folder in (tmp_path, *tmp_path.parents))
    done = _run([str(installed), "demo"], cwd=tmp_path, env=user_env)
    assert re.search(r"29 records read, 29 accepted, 0 rejected", done.stdout)
    assert re.search(r"\bBLOCK\s+CPSC 18218\b", done.stdout)


def test_serve_answers_from_a_folder_outside_the_repository(
    installed: Path, user_env: dict[str, str], tmp_path: Path
) -> None:
    server = subprocess.Popen(
        [str(installed), "serve", "--port", "0", "--api-key", "installed-test-key"],
        cwd=tmp_path,
        env=user_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        api = _address(server)  # printed once the sample recalls are indexed
        request = urllib.request.Request(f"{api}/v1/health", headers={"x-api-key": "installed-test-key"})
        with urllib.request.urlopen(request, timeout=30) as response:
            health = json.load(response)
        assert health["status"] == "ok" and health["recalls"] == 29
    finally:
        server.terminate()
        server.wait(timeout=30)


def _address(server: subprocess.Popen[str]) -> str:
    assert server.stdout is not None
    seen = []
    for line in server.stdout:
        seen.append(line)
        if line.startswith("API: "):
            return line.removeprefix("API: ").strip()
    pytest.fail("serve exited before printing its address:\n" + "".join(seen))


def _project_version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
