"""How a command refuses, and where its output files go.

A command that cannot go on raises `CommandError`; `main` prints its lines (`error: ...`) on
stderr and exits with its status, so a user never reads a traceback for a wrong path. Output
files and folders named on the command line are created with their missing parent folders,
as `mkdir -p` would.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

EXIT_OK = 0
EXIT_REJECTED = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """The lines to print on stderr (each complete, e.g. `error: FILE: no such file`) and the exit
    status."""

    def __init__(self, *lines: str, status: int = EXIT_USAGE) -> None:
        super().__init__("\n".join(lines))
        self.lines = lines
        self.status = status


def output_folder(path: str | os.PathLike[str]) -> Path:
    """`path` as an output folder, created (with its parents) when missing."""
    folder = Path(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CommandError(f"error: {folder}: exists and is not a folder") from None
    except OSError as exc:
        raise CommandError(f"error: {folder}: cannot create the folder ({exc.strerror})") from None
    return folder


def at_least(least: int) -> Callable[[str], int]:
    """An argparse type: a whole number of at least `least`, refused with the flag's usage line."""

    def read(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is less than {least}")
        return value

    return read


def refuse_overwriting(
    output: str | os.PathLike[str] | None, inputs: Iterable[str | os.PathLike[str]]
) -> None:
    """Refuse an output path that is one of the command's input files: opened for writing, it
    would be emptied before it is read (or overwritten after), and its lines lost without a word."""
    if output is None or str(output) == "-" or not Path(output).exists():
        return
    for given in inputs:
        if str(given) != "-" and Path(given).exists() and os.path.samefile(output, given):
            raise CommandError(
                f"error: {output}: is an input of this command too; write the output elsewhere"
            )


def open_output(path: str | os.PathLike[str]) -> TextIO:
    """`path` opened for writing text (UTF-8), its parent folder created when missing."""
    target = Path(path)
    output_folder(target.parent)
    try:
        return target.open("w", encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"error: {target}: cannot write ({exc.strerror})") from None
