"""Execution environments for `recall-screen serve`: the screener's Lambda handler in worker
processes, each handling one event at a time, as Lambda runs a function.

Lambda gives each concurrent request its own execution environment: a process that imports the
handler once (the cold start) and then handles one event at a time. powertools' resolver, logger
and metrics rely on that: they keep the current event, the correlation id and the metric set in
module globals. So the local server does the same: `EnvironmentPool(size)` starts `size` worker
processes (`python -m recall_screen_cli.lambda_runtime`: a new interpreter, not a fork of this
one, which runs moto's server threads), each of which imports `screener.app.lambda_handler` once
and then answers the events sent to it over a socket. The workers reach the embedded AWS over
HTTP (`AWS_ENDPOINT_URL`, inherited from this process's environment when they start), so each
builds its own clients and its own copy of the index, as each Lambda environment does.

    pool = EnvironmentPool(4, verbose=False)   # spawn; returns at once
    pool.wait_ready()                          # every worker has imported the handler
    response = pool.invoke(event)              # waits for a free worker; the handler's answer
    pool.stop()                                # SIGTERM to every worker, in parallel

A handler that raises is `InvocationFailed` (API Gateway's 502); the environment stays, as in
Lambda. A worker that dies is replaced. One that runs past `timeout_seconds` (the function's
timeout, 29 s in template.yaml, also API Gateway's integration limit) is killed and replaced, and
the invocation is `InvocationTimedOut` (504).

Workers print (the handlers' JSON logs; the EMF metrics powertools prints whenever 100 values
accumulate, even with metrics disabled) to their stdout: unless `verbose`, that is /dev/null, so
nothing can fill a pipe nobody reads and block a worker. Their stderr (tracebacks) is this
process's.
"""

from __future__ import annotations

import logging
import queue
import socket
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection
from typing import Any

from recall_screen_cli.lambda_runtime import FUNCTION_NAME

log = logging.getLogger(__name__)

FUNCTION_TIMEOUT_SECONDS = 29.0
START_TIMEOUT_SECONDS = 120.0
STOP_TIMEOUT_SECONDS = 0.5
REPLACEMENT_ATTEMPTS = 5  # starts of an environment in place of a lost one before giving up
# How long a request waits for a free environment: API Gateway's integration timeout, after which it
# would have answered 504 whatever the function did.
WAIT_FOR_ENVIRONMENT_SECONDS = 29.0


class InvocationFailed(Exception):
    """The handler raised, or its environment died while handling the event."""


class InvocationTimedOut(InvocationFailed):
    """The handler did not answer within the function's timeout."""


class EnvironmentLost(InvocationFailed):
    """The worker died (or its socket broke) while handling the event."""


class EnvironmentPoolClosed(InvocationFailed):
    """The pool is stopping: no environment will take the event."""


class ExecutionEnvironment:
    """One worker process and this process's end of its socket."""

    def __init__(self, name: str, *, verbose: bool) -> None:
        self.name = name
        ours, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "recall_screen_cli.lambda_runtime", str(theirs.fileno())],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                stdout=None if verbose else subprocess.DEVNULL,
                close_fds=True,
            )
        # The child's end is closed here once it has its copy: its exit is EOF on ours.
        self.connection = Connection(ours.detach())

    def wait_ready(self, timeout: float = START_TIMEOUT_SECONDS) -> None:
        """Wait until the worker has imported the handler (its init, Lambda's cold start)."""
        try:
            if not self.connection.poll(timeout):
                raise InvocationFailed(f"{self.name} did not start within {timeout:.0f} s")
            message = self.connection.recv()
        except (EOFError, OSError) as exc:
            raise InvocationFailed(f"{self.name} exited while starting (see its stderr)") from exc
        if message != "ready":
            raise InvocationFailed(f"{self.name} said {message!r} instead of ready")

    def invoke(self, event: dict[str, Any], timeout: float) -> dict[str, Any]:
        """The handler's answer to `event`. After InvocationTimedOut the worker is still busy
        and after EnvironmentLost it is gone: the caller replaces it either way."""
        try:
            self.connection.send(event)
            if not self.connection.poll(timeout):
                raise InvocationTimedOut(f"{self.name} did not answer within {timeout:.0f} s")
            outcome, payload = self.connection.recv()
        except (EOFError, OSError) as exc:
            raise EnvironmentLost(f"{self.name} exited while handling an event") from exc
        if outcome != "ok":
            raise InvocationFailed(f"{self.name}: the handler raised:\n{payload}")
        response: dict[str, Any] = payload
        return response

    def terminate(self) -> None:
        """SIGTERM, without waiting (see `join`)."""
        self.connection.close()
        if self.process.poll() is None:
            self.process.terminate()

    def join(self, timeout: float) -> None:
        """Wait for the worker to exit; SIGKILL it if it has not within `timeout`."""
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class EnvironmentPool:
    """`size` execution environments; an invocation takes a free one, waiting when none is."""

    def __init__(
        self, size: int, *, verbose: bool = False, timeout_seconds: float = FUNCTION_TIMEOUT_SECONDS
    ) -> None:
        if size < 1:
            raise ValueError("an environment pool needs at least one environment")
        self.verbose = verbose
        self.timeout_seconds = timeout_seconds
        self._idle: queue.Queue[ExecutionEnvironment] = queue.Queue()
        self._all: list[ExecutionEnvironment] = []
        self._lock = threading.Lock()
        self._started = 0
        self._closed = False
        self._starting = [self._spawn() for _ in range(size)]

    def wait_ready(self) -> None:
        """Wait until every environment has started; InvocationFailed when one cannot."""
        for environment in self._starting:
            environment.wait_ready()
            self._idle.put(environment)
        self._starting = []

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        environment = self._take()
        try:
            response = environment.invoke(event, self.timeout_seconds)
        except (InvocationTimedOut, EnvironmentLost) as exc:
            if self._closed:  # stopped under it: the server's stop, not the function's failure
                raise EnvironmentPoolClosed("the server is stopping") from exc
            log.error("%s", exc)
            self._replace(environment)
            raise
        except InvocationFailed as exc:
            print(exc, file=sys.stderr)  # the handler's traceback, as Lambda logs it
            self._idle.put(environment)
            raise
        self._idle.put(environment)
        return response

    def stop(self) -> None:
        """SIGTERM to every worker at once, then wait for them all (killing stragglers)."""
        with self._lock:
            self._closed = True
            environments = list(self._all)
        for environment in environments:
            environment.terminate()
        for environment in environments:
            environment.join(STOP_TIMEOUT_SECONDS)

    # -- internals -------------------------------------------------------------------------------

    def _spawn(self) -> ExecutionEnvironment:
        with self._lock:
            self._started += 1
            environment = ExecutionEnvironment(f"{FUNCTION_NAME}-env-{self._started}", verbose=self.verbose)
            self._all.append(environment)
        return environment

    def _take(self) -> ExecutionEnvironment:
        """A free environment that is alive: one that died while idle (killed, out of memory) is
        replaced, not handed an event it would lose. InvocationTimedOut when none is free within
        `WAIT_FOR_ENVIRONMENT_SECONDS` (API Gateway's answer to a request that waited that long):
        every environment lost and none could be started again must not hang requests for good."""
        deadline = time.monotonic() + WAIT_FOR_ENVIRONMENT_SECONDS
        while True:
            if self._closed:
                raise EnvironmentPoolClosed("the server is stopping")
            if time.monotonic() > deadline:
                raise InvocationTimedOut(
                    f"no execution environment was free within {WAIT_FOR_ENVIRONMENT_SECONDS:.0f} s"
                )
            try:
                environment = self._idle.get(timeout=0.5)
            except queue.Empty:
                continue
            if environment.process.poll() is None:
                return environment
            log.error(
                "%s died while idle (exit %s); replaced", environment.name, environment.process.returncode
            )
            self._replace(environment)

    def _replace(self, environment: ExecutionEnvironment) -> None:
        """Kill a worker that died or hung, and start another in its place (in the background:
        the import takes a second or two, and the invocation that lost it is answered already)."""
        if self._discard(environment):
            return
        threading.Thread(target=self._start_replacement, name="replace-environment", daemon=True).start()

    def _discard(self, environment: ExecutionEnvironment) -> bool:
        """Stop `environment` and forget it; whether the pool is closed (then nothing replaces it)."""
        environment.terminate()
        environment.join(STOP_TIMEOUT_SECONDS)
        with self._lock:
            if environment in self._all:
                self._all.remove(environment)
            return self._closed

    def _start_replacement(self) -> None:
        """Start one environment in place of a lost one, trying again a few times, a second and
        more apart, if it cannot start."""
        for attempt in range(REPLACEMENT_ATTEMPTS):
            if self._closed:
                return
            replacement = self._spawn()
            try:
                replacement.wait_ready()
            except InvocationFailed:
                log.exception("a replacement execution environment could not start (attempt %d)", attempt + 1)
                self._discard(replacement)
                if attempt + 1 < REPLACEMENT_ATTEMPTS:
                    time.sleep(attempt + 1)
                continue
            self._idle.put(replacement)
            return
