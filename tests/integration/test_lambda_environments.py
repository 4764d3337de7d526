"""serve's execution environments (`recall_screen_cli.lambda_environments`): worker processes
running the screener's handler, one event at a time each; a worker that dies or hangs is
replaced, and the invocation it had is answered as API Gateway answers a failed one."""

from __future__ import annotations

import json
import signal
import time
from collections.abc import Iterator

import pytest
from recall_screen_cli.lambda_environments import (
    EnvironmentLost,
    EnvironmentPool,
    EnvironmentPoolClosed,
    InvocationTimedOut,
)
from recall_screen_cli.lambda_events import api_gateway_event


def openapi_event() -> dict:
    """A request the handler answers without any AWS: its OpenAPI document."""
    return api_gateway_event("GET", "/v1/openapi.json", stage="local", stage_in_path=False)


@pytest.fixture
def pool() -> Iterator[EnvironmentPool]:
    pool = EnvironmentPool(1)
    pool.wait_ready()
    yield pool
    pool.stop()


def _only_worker(pool: EnvironmentPool):
    (environment,) = pool._all  # one environment in this pool
    return environment


def _answered_again(pool: EnvironmentPool, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return pool.invoke(openapi_event())
        except EnvironmentPoolClosed:
            raise
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_a_worker_answers_events_with_the_handler(pool):
    response = pool.invoke(openapi_event())
    assert response["statusCode"] == 200
    assert json.loads(response["body"])["info"]["title"] == "Recall Screen API"


def test_a_worker_that_died_while_idle_is_replaced_before_it_is_given_an_event(pool):
    """A worker killed while idle (out of memory, by hand) was handed the next event, which got
    a 502: it is now replaced first, and the event waits for the new one."""
    first = _only_worker(pool)
    first.process.send_signal(signal.SIGKILL)
    first.process.wait()
    assert pool.invoke(openapi_event())["statusCode"] == 200
    assert _only_worker(pool) is not first


def test_a_worker_lost_during_an_event_is_replaced(pool, monkeypatch):
    first = _only_worker(pool)

    def dies(event: dict, timeout: float) -> dict:
        first.process.send_signal(signal.SIGKILL)
        first.process.wait()
        raise EnvironmentLost(f"{first.name} died")

    monkeypatch.setattr(first, "invoke", dies)
    with pytest.raises(EnvironmentLost):
        pool.invoke(openapi_event())
    assert _answered_again(pool)["statusCode"] == 200
    assert _only_worker(pool) is not first


def test_an_event_the_stop_catches_is_the_stop_not_a_failure(pool, monkeypatch):
    """A request in flight when serve stops lost its worker to the stop: answered 502 (a function
    failure) it read as a crash, not as "retry"; EnvironmentPoolClosed makes it a 503."""
    first = _only_worker(pool)

    def stopped_under_it(event: dict, timeout: float) -> dict:
        pool.stop()
        raise EnvironmentLost(f"{first.name} died")

    monkeypatch.setattr(first, "invoke", stopped_under_it)
    with pytest.raises(EnvironmentPoolClosed):
        pool.invoke(openapi_event())


def test_a_worker_past_the_timeout_is_killed_and_replaced(pool):
    first = _only_worker(pool)
    pool.timeout_seconds = 0.0  # no handler answers in no time
    with pytest.raises(InvocationTimedOut):
        pool.invoke(openapi_event())
    assert first.process.poll() is not None  # killed, not left running the event
    pool.timeout_seconds = 30.0
    assert _answered_again(pool)["statusCode"] == 200


def test_a_stopped_pool_takes_no_event(pool):
    pool.stop()
    with pytest.raises(EnvironmentPoolClosed):
        pool.invoke(openapi_event())
