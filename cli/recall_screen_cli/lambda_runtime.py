"""What runs in one execution environment of `recall-screen serve` (Lambda's runtime loop):
import the screener's handler once, then answer one event at a time.

    python -m recall_screen_cli.lambda_runtime FD

FD is this process's end of a socket to `recall_screen_cli.lambda_environments`, which starts it:
it sends "ready" once the handler is imported, then, for each event received, ("ok", response)
or ("error", traceback). It ends when the socket closes (the server stopped, or died) or on
SIGTERM. Ctrl-C in a terminal reaches the whole process group: it is left to the server, which
stops its workers itself.
"""

from __future__ import annotations

import io
import signal
import sys
import traceback
from multiprocessing.connection import Connection

FUNCTION_NAME = "ScreenerFunction"


def serve_events(connection: Connection) -> None:
    from screener.app import lambda_handler

    from recall_screen_cli.lambda_events import FakeLambdaContext

    connection.send("ready")
    while True:
        try:
            event = connection.recv()
        except (EOFError, OSError):
            return
        try:
            response = lambda_handler(event, FakeLambdaContext(function_name=FUNCTION_NAME))
        except Exception:
            connection.send(("error", traceback.format_exc()))
        else:
            connection.send(("ok", response))


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)  # whole lines, as they come (--verbose)
    serve_events(Connection(int(argv[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
