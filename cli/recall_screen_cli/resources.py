"""Where the project files the CLI reads live: `template.yaml` and the sample Lambda events.

`demo` and `serve` build their local AWS from the SAM template and vary the sample events, so
they need those files wherever `recall-screen` runs. In a checkout (or an editable install) they
are the repository's own files, so an edit to `template.yaml` is what the next `demo` runs. A
wheel (`uv tool install`, `pipx install`) carries copies under `recall_screen_cli/_data/` (hatch
`force-include`, see pyproject.toml), which the checkout does not have.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

__all__ = ["events_dir", "template_file"]

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _project_root() -> Traversable:
    packaged = files("recall_screen_cli") / "_data"
    return packaged if packaged.is_dir() else _REPO_ROOT


def template_file() -> Traversable:
    """The SAM template (`template.yaml`)."""
    return _project_root() / "template.yaml"


def events_dir() -> Traversable:
    """The folder of sample Lambda events (`events/`)."""
    return _project_root() / "events"
