"""`recall-screen`: the whole system on this machine, with the same code that runs in Lambda."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

# Each command lives in its own module with `add_arguments(parser)` and `run(args) -> int`;
# modules are imported only when their command runs, so `--help` stays fast and a command's
# heavy dependencies (moto) load only when needed.
COMMANDS: dict[str, tuple[str, str]] = {
    "demo": ("recall_screen_cli.demo", "run the whole system end to end on an embedded AWS (moto)"),
    "serve": ("recall_screen_cli.serve", "serve the screening API on localhost, backed by an embedded AWS"),
    "build-index": (
        "recall_screen_cli.offline",
        "build an index artifact and drop reports from recall files",
    ),
    "screen": ("recall_screen_cli.offline", "screen an NDJSON file of listings offline"),
    "evaluate": ("recall_screen_cli.evaluate", "measure the matcher against labelled listings"),
}


def _load(module_name: str, command: str) -> tuple[Callable, Callable]:
    import importlib

    module = importlib.import_module(module_name)
    suffix = "" if command in ("demo", "serve", "evaluate") else "_" + command.replace("-", "_")
    return getattr(module, "add_arguments" + suffix), getattr(module, "run" + suffix)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="recall-screen", description=__doc__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    chosen = next((a for a in argv if a in COMMANDS), None)
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == chosen:
            add_arguments, run = _load(module_name, name)
            add_arguments(command_parser)
            command_parser.set_defaults(run=run)
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
