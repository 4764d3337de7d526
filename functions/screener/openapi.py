"""Print the API's OpenAPI document, generated from the routes in `screener.app`.

python -m screener.openapi > openapi.json          # regenerate the committed document
python -m screener.openapi --check openapi.json    # exit 1 when the committed one has drifted
"""

from __future__ import annotations

import sys
from pathlib import Path


def render() -> str:
    from screener.app import openapi_json

    return openapi_json()


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    document = render()
    if argv[:1] == ["--check"]:
        path = Path(argv[1] if len(argv) > 1 else "openapi.json")
        if not path.is_file() or path.read_text(encoding="utf-8") != document:
            print(f"{path} differs from the code: run `python -m screener.openapi > {path}`", file=sys.stderr)
            return 1
        return 0
    sys.stdout.write(document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
