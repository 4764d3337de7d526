"""`recall-screen`: the whole system on this machine, with the same code that runs in Lambda."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec
from typing import NamedTuple

from recall_screen_cli.console import CommandError

AddArguments = Callable[[argparse.ArgumentParser], None]
Run = Callable[[argparse.Namespace], int]


# The top-level modules of the `local` extra (pyproject.toml) that the embedded AWS needs; a plain
# `uv tool install` / `pipx install` of the project does not bring them.
LOCAL_EXTRA = ("moto", "yaml")


class Command(NamedTuple):
    """Where a command lives (its module, and the names there of its two functions), and the
    modules of an optional extra it needs."""

    module: str
    help: str
    add_arguments: str = "add_arguments"
    run: str = "run"
    needs: tuple[str, ...] = ()


# Modules are imported only when their command runs, so `--help` stays fast and a command's heavy
# dependencies (moto) load only when needed.
COMMANDS: dict[str, Command] = {
    "demo": Command(
        "recall_screen_cli.demo",
        "run the whole system end to end on an embedded AWS (moto)",
        needs=LOCAL_EXTRA,
    ),
    "serve": Command(
        "recall_screen_cli.serve",
        "serve the screening API on localhost, backed by an embedded AWS",
        needs=LOCAL_EXTRA,
    ),
    "screen-catalog": Command(
        "recall_screen_cli.screen_catalog",
        "screen a catalogue (NDJSON or CSV, .gz allowed) with the catalogue worker, on an embedded AWS",
        needs=LOCAL_EXTRA,
    ),
    "build-index": Command(
        "recall_screen_cli.offline",
        "build an index artifact and drop reports from recall files",
        "add_arguments_build_index",
        "run_build_index",
    ),
    "screen": Command(
        "recall_screen_cli.offline",
        "screen an NDJSON file of listings offline",
        "add_arguments_screen",
        "run_screen",
    ),
    "evaluate": Command("recall_screen_cli.evaluate", "measure the matcher against labelled listings"),
    "report": Command(
        "recall_screen_cli.report", "a recall's report for its regulator, from a decisions table"
    ),
}


def package_version() -> str:
    try:
        return version("recall-screen")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _load(command: Command) -> tuple[AddArguments, Run]:
    module = importlib.import_module(command.module)
    add_arguments: AddArguments = getattr(module, command.add_arguments)
    run: Run = getattr(module, command.run)
    return add_arguments, run


def _parser(chosen: str | None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="recall-screen", description=__doc__)
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in COMMANDS.items():
        command_parser = sub.add_parser(name, help=command.help, description=command.help)
        if name == chosen:
            add_arguments, run = _load(command)
            add_arguments(command_parser)
            command_parser.set_defaults(run=run)
    return parser


def _require_modules(name: str, command: Command) -> None:
    missing = [module for module in command.needs if find_spec(module) is None]
    if missing:
        raise CommandError(
            f"error: recall-screen {name} needs the 'local' extra ({', '.join(missing)} not installed): "
            "install the project with it, e.g. uv tool install '/path/to/repo[local]'"
        )


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    chosen = next((a for a in argv if a in COMMANDS), None)
    try:
        args = _parser(chosen).parse_args(argv)
        _require_modules(args.command, COMMANDS[args.command])
        run: Run = args.run
        return int(run(args) or 0)
    except CommandError as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return exc.status
    except OSError as exc:  # a write that failed half-way (a full disk, a closed pipe): said, not traced
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
