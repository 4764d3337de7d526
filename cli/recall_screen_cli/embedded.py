"""An embedded AWS (moto) for `recall-screen demo` and `recall-screen serve`.

Two ways to run it, one set of resources (built as `template.yaml` defines them):

In-process (the demo, tests)::

    with embedded_aws() as aws:                  # moto.mock_aws(); env vars set, restored on exit
        key, version = aws.put_drop("cpsc", "cpsc_recalls.json", data)
        aws.deliver(key, version)                # S3 put event -> index_builder.app.lambda_handler
        from screener.app import lambda_handler  # import handlers only after the env is set

As a local server (`serve`: other processes and S3 clients reach it over HTTP)::

    server = start_server()                      # moto's server on 127.0.0.1, a free port
    server.endpoint_url                          # "http://127.0.0.1:PORT"; AWS_ENDPOINT_URL is set to it
    poller = server.start_drop_poller()          # delivers new files under recalls/ to the builder
    ...
    server.stop()                                # stops the poller and the server, restores env

moto's server does not send S3 event notifications, so in server mode a poller thread lists the
object versions under `recalls/` every second and delivers an S3 put event to the index builder
handler (in this process) for each version it has not delivered yet. As in AWS, a delivery that
raises is retried (up to `DropPoller.MAX_ATTEMPTS` times, on the next polls) and then given up.

Handlers read their settings from the environment when they are imported, so this module sets it
(`RECALL_SCREEN_BUCKET`, `RECALL_SCREEN_DECISIONS_TABLE`, the template's defaults for the
`POWERTOOLS_*` and limit variables, `AWS_DEFAULT_REGION=us-east-1`, fake credentials) before any
handler is imported; import handlers lazily, after `embedded_aws()` / `start_server()`.
"""

from __future__ import annotations

import copy
import json
import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from recall_screen.clock import utc_z

from recall_screen_cli import local_dynamodb
from recall_screen_cli.lambda_events import FakeLambdaContext
from recall_screen_cli.resources import events_dir

log = logging.getLogger(__name__)

REGION = "us-east-1"
BUCKET = "recall-screen-drop-local"
TABLE = "recall-screen-decisions-local"
EVENTS_DIR = events_dir()


# ---------------------------------------------------------------------------------------------
# environment


def environment(
    *, bucket: str = BUCKET, table: str = TABLE, endpoint_url: str | None = None, quiet: bool = False
) -> dict[str, str]:
    """The variables the handlers need: the template's defaults for those not already set (so a
    `RECALL_SCREEN_MAX_DROP_BYTES` in the caller's environment wins), then the local bucket and
    table names, the region and fake credentials (always). `quiet` turns the handlers' JSON logs
    down to errors and their metrics off (the demo)."""
    from recall_screen_cli.template import environment_defaults, load_template

    env = {k: v for k, v in environment_defaults(load_template()).items() if k not in os.environ}
    env.update(
        {
            "RECALL_SCREEN_BUCKET": bucket,
            "RECALL_SCREEN_DECISIONS_TABLE": table,
            "RECALL_SCREEN_STAGE": "local",
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_SECURITY_TOKEN": "testing",
            "AWS_SESSION_TOKEN": "testing",
            "POWERTOOLS_TRACE_DISABLED": "true",
        }
    )
    if endpoint_url:
        env["AWS_ENDPOINT_URL"] = endpoint_url
    if quiet:
        env["POWERTOOLS_LOG_LEVEL"] = "ERROR"
        env["POWERTOOLS_METRICS_DISABLED"] = "true"
    return env


@contextmanager
def _patched_environ(values: dict[str, str], *, unset: tuple[str, ...] = ()) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in (*values, *unset)}
    for name in unset:
        os.environ.pop(name, None)
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _forget_handler_clients() -> None:
    """Handlers cache boto3 clients per process; a new embedded AWS needs new ones."""
    import sys

    builder = sys.modules.get("index_builder.app")
    if builder is not None:
        builder.reset_clients()
    runtime = sys.modules.get("screener.runtime")
    if runtime is not None and hasattr(runtime, "set_runtime"):
        runtime.set_runtime(None)


# ---------------------------------------------------------------------------------------------
# resources


def create_resources(s3: Any, dynamodb: Any, *, bucket: str = BUCKET, table: str = TABLE) -> None:
    """The drop bucket (versioned, encrypted, public access blocked) and the decision table, with
    the table's keys and indexes read from `template.yaml`."""
    from recall_screen_cli.template import decisions_table_spec, load_template

    s3.create_bucket(Bucket=bucket)
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_encryption(
        Bucket=bucket,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
    )
    s3.put_public_access_block(
        Bucket=bucket,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    dynamodb.create_table(**decisions_table_spec(load_template(), table_name=table))
    dynamodb.get_waiter("table_exists").wait(TableName=table)


def s3_put_event(
    *,
    bucket: str,
    key: str,
    size: int,
    etag: str | None = None,
    version_id: str | None = None,
    sequencer: str | None = None,
    event_time: datetime | None = None,
) -> dict[str, Any]:
    """An S3 `ObjectCreated:Put` event for one object, shaped like `events/s3-put.json`
    (the key URL-encoded, as S3 sends it)."""
    from urllib.parse import quote_plus

    event: dict[str, Any] = copy.deepcopy(json.loads((EVENTS_DIR / "s3-put.json").read_text()))
    record = event["Records"][0]
    moment = (event_time or datetime.now(UTC)).astimezone(UTC)
    record["eventTime"] = utc_z(moment)
    record["awsRegion"] = REGION
    record["s3"]["bucket"]["name"] = bucket
    record["s3"]["bucket"]["arn"] = f"arn:aws:s3:::{bucket}"
    obj = record["s3"]["object"]
    obj["key"] = quote_plus(key, safe="/")
    obj["size"] = size
    obj["eTag"] = (etag or "").strip('"')
    obj["sequencer"] = sequencer or f"{int(moment.timestamp() * 1_000_000):016X}"
    if version_id:
        obj["versionId"] = version_id
    else:
        obj.pop("versionId", None)
    return event


class EmbeddedAws:
    """The bucket and table of one embedded AWS, and the calls the demo and `serve` make on them."""

    def __init__(self, *, bucket: str = BUCKET, table: str = TABLE, endpoint_url: str | None = None) -> None:
        self.bucket = bucket
        self.table = table
        self.endpoint_url = endpoint_url
        self._clients: dict[str, Any] = {}

    def client(self, service: str) -> Any:
        if service not in self._clients:
            import boto3

            self._clients[service] = boto3.client(service, region_name=REGION, endpoint_url=self.endpoint_url)
        return self._clients[service]

    def put_drop(self, source: str, file: str, data: bytes) -> tuple[str, str | None]:
        """Upload a recall file as a regulator would, to `recalls/<source>/<file>`; (key, version id)."""
        key = f"recalls/{source}/{file}"
        answer = self.client("s3").put_object(Bucket=self.bucket, Key=key, Body=data)
        return key, answer.get("VersionId")

    def put_event(
        self, key: str, version_id: str | None = None, *, sequencer: str | None = None
    ) -> dict[str, Any]:
        """The S3 put event S3 would send for that object version (metadata from a HEAD; the
        sequencer made from its LastModified unless given)."""
        kwargs = {"Bucket": self.bucket, "Key": key}
        if version_id:
            kwargs["VersionId"] = version_id
        head = self.client("s3").head_object(**kwargs)
        return s3_put_event(
            bucket=self.bucket,
            key=key,
            size=int(head["ContentLength"]),
            etag=head.get("ETag"),
            version_id=head.get("VersionId") or version_id,
            event_time=head.get("LastModified"),
            sequencer=sequencer,
        )

    def deliver(
        self, key: str, version_id: str | None = None, *, sequencer: str | None = None
    ) -> dict[str, Any]:
        """Deliver the S3 put event for `key` to the index builder handler, in this process; returns
        the handler's answer (`{"results": [{"key", "outcome", "reason", "index_version", ...}]}`)."""
        return invoke_index_builder(self.put_event(key, version_id, sequencer=sequencer))


def invoke_index_builder(event: dict[str, Any]) -> dict[str, Any]:
    from index_builder.app import lambda_handler

    answer: dict[str, Any] = lambda_handler(event, FakeLambdaContext(function_name="IndexBuilderFunction"))
    return answer


@contextmanager
def embedded_aws(*, bucket: str = BUCKET, table: str = TABLE, quiet: bool = False) -> Iterator[EmbeddedAws]:
    """moto in this process (`mock_aws`), with the bucket and table created; env restored on exit."""
    from moto import mock_aws

    local_dynamodb.install()

    env = environment(bucket=bucket, table=table, quiet=quiet)
    with _patched_environ(env, unset=("AWS_ENDPOINT_URL",)), mock_aws():
        _forget_handler_clients()
        aws = EmbeddedAws(bucket=bucket, table=table)
        create_resources(aws.client("s3"), aws.client("dynamodb"), bucket=bucket, table=table)
        try:
            yield aws
        finally:
            _forget_handler_clients()


# ---------------------------------------------------------------------------------------------
# server mode (serve)


class DropPoller(threading.Thread):
    """Delivers an S3 put event to the index builder for every new object version under `recalls/`.

    moto's server sends no S3 notifications; this stands in for them. It polls every `interval`
    seconds; a version whose delivery raises is tried again on the next polls, `MAX_ATTEMPTS` in all.

    Each poll lists the current objects under `recalls/`, and lists their versions only when that
    listing changed (or a delivery is to be retried): moto's ListObjectVersions deep-copies every
    version of every object in the bucket, index artifacts included, which once a second cost a
    server that runs for hours both time and memory."""

    MAX_ATTEMPTS = 3

    def __init__(self, aws: EmbeddedAws, *, interval: float = 1.0) -> None:
        super().__init__(name="recall-drop-poller", daemon=True)
        self.aws = aws
        self.interval = interval
        self.delivered: dict[tuple[str, str], dict[str, Any]] = {}  # (key, version) -> handler answer
        self._attempts: dict[tuple[str, str], int] = {}
        self._listed: frozenset[tuple[str, str, str]] | None = None  # (key, ETag, LastModified)
        self._retry = False
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.is_set():
            try:
                self.poll()
            except Exception:
                log.exception("polling recalls/ failed")
            self._stop_event.wait(self.interval)

    def poll(self) -> int:
        """One pass: deliver every undelivered object version under `recalls/`; returns how many."""
        listed = self._current_objects()
        if listed == self._listed and not self._retry:
            return 0
        self._listed = listed
        return self._deliver_new_versions()

    def _current_objects(self) -> frozenset[tuple[str, str, str]]:
        paginator = self.aws.client("s3").get_paginator("list_objects_v2")
        return frozenset(
            (item["Key"], str(item.get("ETag")), str(item.get("LastModified")))
            for page in paginator.paginate(Bucket=self.aws.bucket, Prefix="recalls/")
            for item in page.get("Contents", [])
        )

    def _deliver_new_versions(self) -> int:
        # S3 lists a key's versions newest first. LastModified has whole seconds: two uploads to
        # one key within a second tie on it, and only that order tells which is the newer. Each
        # event's sequencer carries it (as S3's own orders one key's events exactly), and the
        # versions are delivered oldest first.
        versions: dict[str, list[tuple[datetime, str]]] = {}
        paginator = self.aws.client("s3").get_paginator("list_object_versions")
        for page in paginator.paginate(Bucket=self.aws.bucket, Prefix="recalls/"):
            for version in page.get("Versions", []):
                listed = versions.setdefault(version["Key"], [])
                listed.append((version["LastModified"], version.get("VersionId") or "null"))
        found = [
            (modified, key, age, version_id)
            for key, newest_first in versions.items()
            for age, (modified, version_id) in enumerate(reversed(newest_first))
        ]
        delivered = 0
        self._retry = False
        for modified, key, age, version_id in sorted(found):  # oldest first, as S3 would mostly send them
            ident = (key, version_id)
            if ident in self.delivered or self._attempts.get(ident, 0) >= self.MAX_ATTEMPTS:
                continue
            self._attempts[ident] = self._attempts.get(ident, 0) + 1
            sequencer = f"{int(modified.timestamp() * 1_000_000):016X}{age:08X}"
            try:
                self.delivered[ident] = self.aws.deliver(
                    key, None if version_id == "null" else version_id, sequencer=sequencer
                )
                delivered += 1
            except Exception:
                log.exception("index builder failed on %s (attempt %d)", key, self._attempts[ident])
                self._retry = self._attempts[ident] < self.MAX_ATTEMPTS
                continue
            self._rescreen(self.delivered[ident])
        return delivered

    def _rescreen(self, answer: dict[str, Any]) -> None:
        """A published version re-screens the live listings, as the state machine does in AWS."""
        from recall_screen_cli.local_rescreen import rescreen_published

        try:
            rescreen_published(self.aws, answer)
        except Exception:
            log.exception("the re-screen after %s failed", answer.get("results"))

    def stop(self) -> None:
        self._stop_event.set()
        if self.is_alive():
            self.join(timeout=10)


class MotoHttpServer:
    """moto's server (the WSGI app and request handler moto's ThreadedMotoServer runs) on werkzeug,
    one thread per request, in a daemon thread of its own. Not ThreadedMotoServer itself: it looks
    for a shutdown every 0.5 s, and `serve` stops within a second."""

    POLL_SECONDS = 0.05

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        from moto.moto_server.werkzeug_app import (
            DomainDispatcherApplication,
            MotoRequestHandler,
            create_backend_app,
        )
        from werkzeug.serving import make_server

        app = DomainDispatcherApplication(create_backend_app)
        self._server = make_server(host, port, app, threaded=True, request_handler=MotoRequestHandler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": self.POLL_SECONDS},
            name="moto-server",
            daemon=True,
        )
        self._thread.start()

    @property
    def endpoint_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class EmbeddedServer(EmbeddedAws):
    """moto as an HTTP server on 127.0.0.1, with the bucket and table; see `start_server`."""

    def __init__(self, server: MotoHttpServer, restore_env: Any, **names: str) -> None:
        super().__init__(endpoint_url=server.endpoint_url, **names)
        self._server = server
        self._restore_env = restore_env
        self.poller: DropPoller | None = None

    def start_drop_poller(self, *, interval: float = 1.0) -> DropPoller:
        if self.poller is None:
            self.poller = DropPoller(self, interval=interval)
            self.poller.start()
        return self.poller

    def stop(self) -> None:
        if self.poller is not None:
            self.poller.stop()
            self.poller = None
        self._server.stop()
        _forget_handler_clients()
        self._restore_env.__exit__(None, None, None)


def _keep_no_moto_instances() -> None:
    """moto keeps a reference to every model object it ever creates (`BaseModel.__new__` appends
    each to its class's `instances_tracked`, for its dashboard and its reset): every DynamoDB item
    and every copy moto makes of one (a scan copies each item it returns), every copy of an S3
    object. A test forgets them at the end of its mock; a server that runs for hours would keep
    them all. This process is the server's alone, and never resets moto: keep none."""
    from moto.core.common_models import BaseModel

    def untracked(cls: type, *args: Any, **kwargs: Any) -> Any:
        return object.__new__(cls)

    setattr(BaseModel, "__new__", staticmethod(untracked))  # noqa: B010  # mypy refuses a method assignment


def start_server(
    *, port: int = 0, bucket: str = BUCKET, table: str = TABLE, quiet: bool = False
) -> EmbeddedServer:
    """Start moto as an HTTP server on 127.0.0.1 (`port=0`: any free port), create the bucket and
    table, and point this process's AWS clients at it (`AWS_ENDPOINT_URL`, restored by `stop()`).
    Other processes reach it at `server.endpoint_url` with any credentials, region us-east-1."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    local_dynamodb.install()
    _keep_no_moto_instances()
    server = MotoHttpServer("127.0.0.1", port)
    env = _patched_environ(
        environment(bucket=bucket, table=table, endpoint_url=server.endpoint_url, quiet=quiet)
    )
    env.__enter__()
    _forget_handler_clients()
    embedded = EmbeddedServer(server, env, bucket=bucket, table=table)
    try:
        create_resources(embedded.client("s3"), embedded.client("dynamodb"), bucket=bucket, table=table)
    except Exception:
        embedded.stop()
        raise
    return embedded
