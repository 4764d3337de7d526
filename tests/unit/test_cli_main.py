"""`recall-screen` itself: its version, and what a command says when an optional extra is missing."""

from __future__ import annotations

import tomllib
from importlib.machinery import ModuleSpec
from pathlib import Path

import pytest
from recall_screen_cli import main as cli

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--version"])
    assert exit_info.value.code == 0
    version = tomllib.loads(PYPROJECT.read_text())["project"]["version"]
    assert capsys.readouterr().out == f"recall-screen {version}\n"


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_a_command_needing_the_local_extra_says_how_to_install_it_when_moto_is_missing(
    command: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def find_spec(name: str) -> ModuleSpec | None:
        return None if name == "moto" else ModuleSpec(name, None)

    monkeypatch.setattr(cli, "find_spec", find_spec)
    assert cli.main([command]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    (line,) = captured.err.splitlines()
    assert line.startswith(f"error: recall-screen {command} needs the 'local' extra (moto not installed): ")
    assert "uv tool install '/path/to/repo[local]'" in line


def test_the_local_extra_modules_are_the_ones_pyproject_declares() -> None:
    local = tomllib.loads(PYPROJECT.read_text())["project"]["optional-dependencies"]["local"]
    distributions = {requirement.split("[")[0].split(">")[0].strip().lower() for requirement in local}
    import_names = {"pyyaml": "yaml"}
    assert {import_names.get(d, d) for d in distributions} == set(cli.LOCAL_EXTRA)
