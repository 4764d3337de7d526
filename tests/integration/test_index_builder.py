"""The index builder's S3 handler on moto, end to end: drop -> report -> new version -> LiveIndex.

Every S3 event is built from events/s3-put.json (through recall_screen_cli.embedded, the same code
the demo uses) and delivered to `index_builder.app.lambda_handler`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from recall_screen.aws.index_store import IndexStore
from recall_screen.catalog.keys import POINTER_KEY
from recall_screen.catalog.publishing import Pointer
from recall_screen.live_index import LiveIndex
from recall_screen.models import Listing, Verdict
from recall_screen.screening import Screener
from recall_screen_cli.embedded import EmbeddedAws, embedded_aws, invoke_index_builder, s3_put_event

BUCKET = "recall-screen-drop-test"
TABLE = "recall-screen-decisions-test"
T0 = datetime(2026, 9, 30, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Bucket:
    """The drop bucket as a regulator and an operator see it."""

    def __init__(self, aws: EmbeddedAws) -> None:
        self.aws = aws
        self.s3 = aws.client("s3")
        self.clock = Clock()
        self.live = LiveIndex(IndexStore(self.s3, BUCKET), refresh_seconds=60, clock=self.clock)

    def drop(self, key: str, data: bytes) -> tuple[str, dict[str, Any]]:
        """Upload, then deliver the event; (version id, the handler's result for the file)."""
        version = self.s3.put_object(Bucket=BUCKET, Key=key, Body=data)["VersionId"]
        return version, self.deliver(key, version)

    def deliver(self, key: str, version: str | None, **event: Any) -> dict[str, Any]:
        if event:
            head = self.s3.head_object(Bucket=BUCKET, Key=key, VersionId=version)
            answer = invoke_index_builder(
                s3_put_event(
                    bucket=BUCKET,
                    key=key,
                    size=head["ContentLength"],
                    etag=head["ETag"],
                    version_id=version,
                    **event,
                )
            )
        else:
            answer = self.aws.deliver(key, version)
        (result,) = answer["results"]
        return result

    def json(self, key: str) -> dict[str, Any]:
        return json.loads(self.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read())

    def pointer(self) -> Pointer:
        return Pointer.from_json(self.s3.get_object(Bucket=BUCKET, Key=POINTER_KEY)["Body"].read())

    def versions_of(self, key: str) -> int:
        listed = self.s3.list_object_versions(Bucket=BUCKET, Prefix=key).get("Versions", [])
        return sum(1 for v in listed if v["Key"] == key)

    def index_folders(self) -> set[str]:
        """The index versions whose artifact is (still) in the bucket."""
        listed = self.s3.list_objects_v2(Bucket=BUCKET, Prefix="index/").get("Contents", [])
        return {item["Key"].split("/")[1] for item in listed if item["Key"].endswith("/index.json.gz")}

    def tick(self, seconds: float = 61) -> None:
        self.clock.now += seconds


@pytest.fixture
def bucket(monkeypatch: pytest.MonkeyPatch) -> Iterator[Bucket]:
    monkeypatch.setenv("RECALL_SCREEN_INDEX_VERSIONS_KEPT", "3")
    monkeypatch.setenv("RECALL_SCREEN_MAX_DROP_BYTES", str(4 * 1024 * 1024))
    # No list guards: these tests replace lists of two recalls; the guards' tests turn them on.
    monkeypatch.setenv("RECALL_SCREEN_MAX_REMOVED_SHARE", "1")
    monkeypatch.setenv("RECALL_SCREEN_MIN_KEPT_RECALLS", "0")
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    with embedded_aws(bucket=BUCKET, table=TABLE) as aws:
        yield Bucket(aws)


def generic(*rows: tuple[str, str, str]) -> bytes:
    """A generic-format NDJSON list: (recall id, title, model) per recall."""
    return "".join(
        json.dumps(
            {"source": "CPSC", "recall_id": rid, "title": title, "models": [model], "jurisdictions": ["US"]}
        )
        + "\n"
        for rid, title, model in rows
    ).encode()


LIST_V1 = generic(
    ("R-1", "Acme ZoomKart Electric Ride-On Toys Recalled", "ZK2000X"),
    ("R-2", "Brightlite Nightglow Baby Monitors Recalled", "NG7700B"),
)
LIST_V2 = generic(
    ("R-2", "Brightlite Nightglow Baby Monitors Recalled", "NG7700B"),
    ("R-3", "Summit Trail Bicycle Helmets Recalled", "STH500A"),
)


def screen(index: Any, title: str, ship_to: str = "US") -> Any:
    return Screener(index).screen(Listing(listing_id="L-1", title=title, ship_to=ship_to))


def test_a_real_cpsc_file_through_the_s3_handler_is_served_and_screened(
    bucket: Bucket, shared_recalls: Path
) -> None:
    data = (shared_recalls / "cpsc_api" / "cpsc_recalls.json").read_bytes()
    version, result = bucket.drop("recalls/cpsc/cpsc_recalls.json", data)

    assert result["outcome"] == "accepted"
    report = bucket.json("reports/cpsc/cpsc_recalls.json.report.json")
    assert report["outcome"] == "accepted"
    assert report["index_version"] == result["index_version"] == bucket.pointer().version
    assert report["drop"]["version_id"] == version
    assert report["accepted_records"] > 900
    assert report["totals"]["models"] > 0 and report["totals"]["gtins"] > 0
    assert any(i["recall_id"] == "18218" and "RCS304BV2" in i["models"] for i in report["identifiers"])

    index = bucket.live.current()
    assert index is not None and index.version == result["index_version"]
    served = {s.source: s for s in bucket.live.status().sources}
    assert served["cpsc"].file == "recalls/cpsc/cpsc_recalls.json"
    decision = screen(index, "BlueStar RCS304BV2 gas range")
    assert decision.decision is Verdict.BLOCK
    assert decision.matches[0].recall_id == "18218"
    assert decision.index_version == result["index_version"]


def test_a_new_list_replaces_the_old_one_and_the_screener_switches(bucket: Bucket) -> None:
    _, first = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    assert bucket.live.current().version == first["index_version"]
    assert screen(bucket.live.current(), "Acme ZoomKart ZK2000X ride-on").decision is Verdict.BLOCK

    _, second = bucket.drop("recalls/cpsc/week-40.ndjson", LIST_V2)
    assert second["outcome"] == "accepted" and second["index_version"] != first["index_version"]
    assert bucket.json("reports/cpsc/week-40.ndjson.report.json")["index_version"] == second["index_version"]

    assert bucket.live.current().version == first["index_version"]  # not before the refresh interval
    bucket.tick()
    index = bucket.live.current()
    assert index.version == second["index_version"]
    assert {rid for _, rid in index.recall_ids()} == {"R-2", "R-3"}
    # R-1 is no longer on the list: it is no longer screened.
    assert screen(index, "Acme ZoomKart ZK2000X ride-on").decision is Verdict.ALLOW
    assert screen(index, "Summit Trail STH500A bicycle helmet").decision is Verdict.BLOCK


def test_lists_of_different_sources_are_served_together(bucket: Bucket, recall_slices: Path) -> None:
    bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    _, eu = bucket.drop(
        "recalls/eu safety gate/alerts 40.ndjson",
        (recall_slices / "eu_safety_gate_slice.ndjson").read_bytes(),
    )
    assert eu["outcome"] == "accepted"
    assert bucket.json("reports/eu safety gate/alerts 40.ndjson.report.json")["outcome"] == "accepted"
    index = bucket.live.current()
    assert set(index.sources) == {"cpsc", "eu safety gate"}
    assert {"R-1", "R-2"} <= {rid for _, rid in index.recall_ids()}


def test_a_rejected_file_keeps_the_current_index_and_is_reported(
    bucket: Bucket, recall_slices: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, good = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    capsys.readouterr()
    _, bad = bucket.drop("recalls/cpsc/week-40.json", (recall_slices / "hostile_truncated.json").read_bytes())

    assert bad["outcome"] == "rejected"  # an outcome, not an error: the handler returned
    assert "invalid JSON" in bad["reason"]
    report = bucket.json("reports/cpsc/week-40.json.report.json")
    assert report["outcome"] == "rejected" and report["accepted"] is False
    assert report["reason"] == bad["reason"]
    assert report["index_version"] == good["index_version"]
    assert bucket.pointer().version == good["index_version"]
    bucket.tick()
    assert bucket.live.current().version == good["index_version"]
    assert '"DropRejected"' in capsys.readouterr().out  # the metric the DropRejected alarm watches


def test_a_replayed_event_builds_once_and_reports_once(bucket: Bucket) -> None:
    version, first = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    again = bucket.deliver("recalls/cpsc/week-39.ndjson", version)

    assert again["outcome"] == "duplicate"
    assert again["index_version"] == first["index_version"] == bucket.pointer().version
    assert len(bucket.index_folders()) == 1
    assert bucket.versions_of("reports/cpsc/week-39.ndjson.report.json") == 1


def test_the_same_content_uploaded_again_builds_nothing(bucket: Bucket) -> None:
    _, first = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    _, again = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)  # a new object version, same bytes
    assert again["outcome"] == "unchanged"
    assert bucket.pointer().version == first["index_version"]
    assert bucket.json("reports/cpsc/week-39.ndjson.report.json")["outcome"] == "unchanged"


def test_an_older_file_delivered_late_does_not_roll_the_list_back(bucket: Bucket) -> None:
    old_key, new_key = "recalls/cpsc/week-39.ndjson", "recalls/cpsc/week-40.ndjson"
    old = bucket.s3.put_object(Bucket=BUCKET, Key=old_key, Body=LIST_V1)["VersionId"]
    new = bucket.s3.put_object(Bucket=BUCKET, Key=new_key, Body=LIST_V2)["VersionId"]
    # S3 delivers the newer file's event first; the older one arrives after it.
    newer = bucket.deliver(new_key, new, event_time=T0 + timedelta(seconds=1))
    late = bucket.deliver(old_key, old, event_time=T0)

    assert newer["outcome"] == "accepted"
    assert late["outcome"] == "superseded"
    assert bucket.pointer().version == newer["index_version"]
    assert {rid for _, rid in bucket.live.current().recall_ids()} == {"R-2", "R-3"}
    report = bucket.json("reports/cpsc/week-39.ndjson.report.json")
    assert report["outcome"] == "superseded" and report["superseded_by"]["key"] == new_key


def test_a_corrupt_pointer_or_artifact_is_refused_and_the_previous_index_keeps_serving(
    bucket: Bucket,
) -> None:
    _, first = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    assert bucket.live.current().version == first["index_version"]
    good_pointer = bucket.s3.get_object(Bucket=BUCKET, Key=POINTER_KEY)["Body"].read()

    bucket.s3.put_object(Bucket=BUCKET, Key=POINTER_KEY, Body=b'{"format": "recall-screen-pointer/1", "vers')
    bucket.tick()
    assert bucket.live.current().version == first["index_version"]
    assert "pointer" in bucket.live.status().last_error

    # A new version whose artifact is damaged after publication: its sha256 no longer matches.
    bucket.s3.put_object(Bucket=BUCKET, Key=POINTER_KEY, Body=good_pointer)
    _, second = bucket.drop("recalls/cpsc/week-40.ndjson", LIST_V2)
    artifact = bucket.pointer().artifact
    intact = bucket.s3.get_object(Bucket=BUCKET, Key=artifact)["Body"].read()
    damaged = gzip.compress(b'{"format": "recall-screen-index/2"}')
    bucket.s3.put_object(Bucket=BUCKET, Key=artifact, Body=damaged)
    bucket.tick()
    assert bucket.live.current().version == first["index_version"]
    assert "sha256" in bucket.live.status().last_error
    assert screen(bucket.live.current(), "Acme ZoomKart ZK2000X ride-on").decision is Verdict.BLOCK

    # Repaired: the next check picks it up.
    bucket.s3.put_object(Bucket=BUCKET, Key=artifact, Body=intact)
    bucket.tick()
    assert bucket.live.current().version == second["index_version"]
    assert bucket.live.status().last_error is None


def test_only_the_newest_versions_are_kept(bucket: Bucket) -> None:
    published = []
    for week in range(5):
        _, result = bucket.drop(
            f"recalls/cpsc/week-{week}.ndjson", generic((f"R-{week}", "Acme Widget Recalled", f"AW{week}00X"))
        )
        published.append(result["index_version"])
    assert bucket.index_folders() == set(published[-3:])  # RECALL_SCREEN_INDEX_VERSIONS_KEPT=3
    assert bucket.pointer().version == published[-1]
    bucket.tick()
    assert bucket.live.current().version == published[-1]


def test_a_file_over_the_size_limit_is_refused_without_reading_its_body(
    bucket: Bucket, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index_builder.app as app

    _, good = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    monkeypatch.setenv("RECALL_SCREEN_MAX_DROP_BYTES", "2000")
    huge = generic(*[(f"R-{i}", "Acme Widget Recalled", f"AW{i}X") for i in range(200)])
    assert len(huge) > 2000
    reads: list[str] = []
    app.store_for(BUCKET).s3.meta.events.register(
        "provide-client-params.s3.GetObject", lambda params, **_: reads.append(params["Key"])
    )
    _, result = bucket.drop("recalls/cpsc/huge.ndjson", huge)

    assert result["outcome"] == "rejected"
    assert "over the limit" in result["reason"]
    assert "state/catalog.json" in reads  # the spy sees the builder's reads…
    assert "recalls/cpsc/huge.ndjson" not in reads  # …and the oversized body was never one of them
    assert bucket.pointer().version == good["index_version"]
    assert bucket.json("reports/cpsc/huge.ndjson.report.json")["outcome"] == "rejected"


def test_keys_that_are_not_drops_are_not_read_and_raise_an_alarm(
    bucket: Bucket, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file directly under recalls/, or in a folder no source can be named by, has no report
    to go to: it was ignored with a warning in the log alone, and the regulator waited for a
    report that never came. It is counted (DropNotRecognised, which has an alarm)."""
    for key in ("recalls/stray.json", "recalls/Santé/list.ndjson"):
        bucket.s3.put_object(Bucket=BUCKET, Key=key, Body=LIST_V1)
        capsys.readouterr()
        assert bucket.aws.deliver(key) == {"results": []}
        assert '"DropNotRecognised":[1.0]' in capsys.readouterr().out.replace(" ", "")
    bucket.s3.put_object(Bucket=BUCKET, Key="recalls/cpsc/", Body=b"")  # a folder: nothing to count
    assert bucket.aws.deliver("recalls/cpsc/") == {"results": []}
    assert "DropNotRecognised" not in capsys.readouterr().out
    assert bucket.s3.list_objects_v2(Bucket=BUCKET, Prefix="index/").get("KeyCount") == 0
    from recall_screen_cli.template import load_template

    alarm = load_template()["Resources"]["DropNotRecognisedAlarm"]["Properties"]
    assert (alarm["Namespace"], alarm["MetricName"]) == ("RecallScreen", "DropNotRecognised")


def test_uploads_to_one_key_within_a_second_leave_the_newest_live_on_serves_poller(bucket: Bucket) -> None:
    """serve's stand-in for S3 notifications (DropPoller) made each event's sequencer from the
    version's LastModified, which has whole seconds, and delivered a second's versions in the
    order of their ids: the older upload could be delivered last and go live, both reported
    accepted. S3 lists a key's versions newest first; that order now makes the sequencers."""
    from recall_screen_cli.embedded import DropPoller

    kart = ("R-1", "Acme ZoomKart Electric Ride-On Toys Recalled", "ZK2000X")
    uploads = [generic(kart, (f"R-{n}", f"Tarvo Lamp {n} Recalled", f"TL{n}00X")) for n in range(2, 6)]
    uploads.append(generic(kart))  # the newest: the kart alone
    for attempt in range(10):  # until every upload falls in one second
        key = f"recalls/cpsc/list-{attempt}.ndjson"
        for body in uploads:
            bucket.s3.put_object(Bucket=BUCKET, Key=key, Body=body)
        listed = bucket.s3.list_object_versions(Bucket=BUCKET, Prefix=key)["Versions"]
        if len({v["LastModified"] for v in listed}) == 1:
            break
    else:
        pytest.skip("no five uploads fell in one second")
    DropPoller(bucket.aws).poll()
    bucket.tick()
    assert {rid for _, rid in bucket.live.current().recall_ids()} == {"R-1"}  # the newer list


class BuilderKilled(BaseException):
    """The Lambda runtime ending the builder (a timeout, out of memory): nothing catches it."""


@pytest.mark.parametrize("fault", [BuilderKilled, ConnectionError], ids=["killed", "s3-error"])
def test_a_builder_stopped_between_the_artifact_and_the_pointer_leaves_the_old_index_and_the_retry_publishes(
    bucket: Bucket, monkeypatch: pytest.MonkeyPatch, fault: type[BaseException]
) -> None:
    import index_builder.app as app

    _, first = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    assert screen(bucket.live.current(), "Acme ZoomKart ZK2000X ride-on").decision is Verdict.BLOCK
    store = app.store_for(BUCKET)
    written: list[str] = []
    real_put = store.put

    def put_then_stop_at_the_pointer(key: str, data: bytes, **kwargs: Any) -> None:
        if key == POINTER_KEY:
            assert any(k.endswith("/index.json.gz") for k in written), "the artifact is written first"
            raise fault("stopped after writing the artifact, before the pointer")
        written.append(key)
        real_put(key, data, **kwargs)

    key = "recalls/cpsc/week-40.ndjson"
    version = bucket.s3.put_object(Bucket=BUCKET, Key=key, Body=LIST_V2)["VersionId"]
    with monkeypatch.context() as patch, pytest.raises(fault):  # killed, or re-raised for a retry
        patch.setattr(store, "put", put_then_stop_at_the_pointer)
        bucket.deliver(key, version)

    orphans = bucket.index_folders() - {first["index_version"]}
    assert len(orphans) == 1  # the new artifact is complete in the bucket…
    assert bucket.pointer().version == first["index_version"]  # …but the pointer was never switched
    assert written[-1].endswith("/index.json.gz")  # nothing after the artifact: no catalog, no report
    assert not bucket.s3.list_objects_v2(Bucket=BUCKET, Prefix="reports/cpsc/week-40").get("Contents")
    bucket.tick()
    served = bucket.live.current()  # the screener keeps serving the old index, R-1 still blocked
    assert served.version == first["index_version"] and bucket.live.status().last_error is None
    assert screen(served, "Acme ZoomKart ZK2000X ride-on").decision is Verdict.BLOCK

    retried = bucket.deliver(key, version)  # Lambda delivers the same event again
    assert retried["outcome"] == "accepted"
    assert bucket.pointer().version == retried["index_version"]  # in the same second: the orphan's name
    assert bucket.json("reports/cpsc/week-40.ndjson.report.json")["outcome"] == "accepted"
    bucket.tick()
    assert {rid for _, rid in bucket.live.current().recall_ids()} == {"R-2", "R-3"}

    published = []
    for week in range(41, 44):  # later drops go through, and the orphan is pruned with the old versions
        _, after = bucket.drop(
            f"recalls/cpsc/week-{week}.ndjson", generic(("R-2", "Brightlite", f"NG{week}"))
        )
        assert after["outcome"] == "accepted"
        published.append(after["index_version"])
    assert bucket.index_folders() == set(published)  # RECALL_SCREEN_INDEX_VERSIONS_KEPT=3


def test_requests_in_flight_keep_being_served_while_the_index_switches(bucket: Bucket) -> None:
    import threading

    _, first = bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    fresh = LiveIndex(IndexStore(bucket.s3, BUCKET), refresh_seconds=60, clock=bucket.clock)
    artifact_reads: list[str] = []
    bucket.s3.meta.events.register(
        "provide-client-params.s3.GetObject",
        lambda params, **_: artifact_reads.append(params["Key"]) if params["Key"].endswith(".gz") else None,
    )
    seen: list[str | None] = []

    def requests() -> None:
        for _ in range(30):
            index = fresh.current()
            seen.append(index.version if index else None)

    def run_threads() -> None:
        threads = [threading.Thread(target=requests) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    run_threads()  # the first requests wait for the first load: none is answered "no index"
    assert set(seen) == {first["index_version"]}
    _, second = bucket.drop("recalls/cpsc/week-40.ndjson", LIST_V2)
    bucket.tick()
    seen.clear()
    run_threads()
    assert None not in seen and set(seen) <= {first["index_version"], second["index_version"]}
    assert fresh.current().version == second["index_version"]
    assert len(artifact_reads) == 2  # each version was downloaded once, by one thread


@pytest.fixture
def guarded(bucket: Bucket, monkeypatch: pytest.MonkeyPatch) -> Bucket:
    """The bucket with the list guards as deployed (the template's defaults)."""
    monkeypatch.setenv("RECALL_SCREEN_MAX_REMOVED_SHARE", "0.2")
    monkeypatch.setenv("RECALL_SCREEN_MIN_KEPT_RECALLS", "10")
    return bucket


def test_the_full_cpsc_list_shrunk_to_5_is_held_until_the_regulator_confirms_it(
    guarded: Bucket, shared_recalls: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full = json.loads((shared_recalls / "cpsc_api" / "cpsc_recalls.json").read_bytes())
    key = "recalls/cpsc/cpsc_recalls.json"
    _, first = guarded.drop(key, json.dumps(full).encode())
    assert first["outcome"] == "accepted"
    capsys.readouterr()

    five = json.dumps(full[:5]).encode()
    _, held = guarded.drop(key, five)
    assert held["outcome"] == "held" and "would remove 951 of 956 recalls" in held["reason"]
    assert '"DropHeld"' in capsys.readouterr().out  # the metric the DropHeld alarm watches
    report = guarded.json("reports/cpsc/cpsc_recalls.json.report.json")
    assert report["held"]["current"] == 956 and report["held"]["new"] == 5
    assert guarded.pointer().version == first["index_version"]
    guarded.tick()
    assert guarded.live.current().version == first["index_version"]
    assert screen(guarded.live.current(), "BlueStar RCS304BV2 gas range").decision is Verdict.BLOCK

    # The regulator meant it: the same file again, with the code from the report as object metadata
    # (aws s3 cp FILE s3://BUCKET/KEY --metadata recall-screen-confirm=CODE).
    code = report["held"]["confirm_code"]
    version = guarded.s3.put_object(
        Bucket=BUCKET, Key=key, Body=five, Metadata={"recall-screen-confirm": code}
    )
    confirmed = guarded.deliver(key, version["VersionId"])
    assert confirmed["outcome"] == "accepted"
    report = guarded.json("reports/cpsc/cpsc_recalls.json.report.json")
    assert report["confirmed"]["removed"] == 951 and report["drop"]["confirm"] == code
    guarded.tick()
    assert len(guarded.live.current()) == 5

    _, grown = guarded.drop(key, json.dumps(full[:50]).encode())  # growth publishes as before
    assert grown["outcome"] == "accepted"


def test_the_template_deploys_the_guards_the_code_defaults_to_and_an_alarm_on_held_drops() -> None:
    from recall_screen.catalog.guards import ListGuards
    from recall_screen_cli.template import environment_defaults, load_template

    template = load_template()
    assert ListGuards.from_env(environment_defaults(template, "IndexBuilderFunction")) == ListGuards()
    alarms = [
        r["Properties"] for r in template["Resources"].values() if r["Type"] == "AWS::CloudWatch::Alarm"
    ]
    held = [a for a in alarms if a.get("MetricName") == "DropHeld"]
    assert held and held[0]["Namespace"] == "RecallScreen"
    assert held[0]["AlarmActions"] == [{"Ref": "AlarmTopic"}]


def test_withdrawing_is_explicit_and_deleting_a_file_withdraws_nothing(
    guarded: Bucket, capsys: pytest.CaptureFixture[str]
) -> None:
    from recall_screen_cli.embedded import invoke_index_builder

    key = "recalls/cpsc/week-39.ndjson"
    version, _ = guarded.drop(key, LIST_V1)
    guarded.drop("recalls/eu/alerts.ndjson", generic(("E-1", "Nova Kettle Recalled", "NK100X")))

    # The regulator deletes its file: S3 sends ObjectRemoved (the template does not even subscribe
    # the builder to it); nothing changes, and later builds still screen the list (kept in state/).
    guarded.s3.delete_object(Bucket=BUCKET, Key=key, VersionId=version)
    removal = s3_put_event(bucket=BUCKET, key=key, size=0, version_id=version)
    removal["Records"][0]["eventName"] = "ObjectRemoved:Delete"
    assert invoke_index_builder(removal) == {"results": []}
    eu = generic(("E-1", "Nova Kettle Recalled", "NK100X"), ("E-2", "Nova Toaster Recalled", "NT200X"))
    assert guarded.drop("recalls/eu/alerts.ndjson", eu)[1]["outcome"] == "accepted"
    guarded.tick()
    assert {rid for _, rid in guarded.live.current().recall_ids()} == {"R-1", "R-2", "E-1", "E-2"}

    # One recall withdrawn on purpose (a routine withdrawal: half of this list of two, unconfirmed),
    # then the whole list.
    line = json.dumps({"source": "CPSC", "recall_id": "R-1", "withdrawn": True}).encode() + b"\n"
    capsys.readouterr()
    _, one = guarded.drop("recalls/cpsc/withdraw-R-1.ndjson", line)
    assert one["outcome"] == "withdrawn" and '"DropWithdrawn"' in capsys.readouterr().out
    assert guarded.json("reports/cpsc/withdraw-R-1.ndjson.report.json")["withdrawal"]["recall_ids"] == ["R-1"]
    _, whole = guarded.drop("recalls/cpsc/WITHDRAW.json", b'{"withdraw_all": "cpsc"}')
    assert whole["outcome"] == "withdrawn"
    guarded.tick()
    index = guarded.live.current()
    assert index.version == whole["index_version"] and set(index.sources) == {"eu"}
    assert screen(index, "Brightlite Nightglow NG7700B baby monitor").decision is Verdict.ALLOW


def test_a_corrupt_catalog_is_repaired_or_reported_and_health_json_says_so(bucket: Bucket) -> None:
    from recall_screen.catalog.health import read_builder_health

    bucket.drop("recalls/cpsc/week-39.ndjson", LIST_V1)
    bucket.drop("recalls/eu/alerts.ndjson", generic(("E-1", "Nova Kettle Recalled", "NK100X")))
    store = IndexStore(bucket.s3, BUCKET)
    assert read_builder_health(store).status == "ok"

    bucket.s3.put_object(Bucket=BUCKET, Key="state/catalog.json", Body=b'{"format": "recall-screen-cata')
    _, repaired = bucket.drop(
        "recalls/eu/alerts-2.ndjson", generic(("E-2", "Nova Toaster Recalled", "NT200X"))
    )
    assert repaired["outcome"] == "accepted"
    bucket.tick()
    assert {rid for _, rid in bucket.live.current().recall_ids()} == {"R-1", "R-2", "E-2"}
    health = bucket.json("state/health.json")["builder"]
    assert health["status"] == "ok" and "state/catalog.json is corrupt" in health["last_repair"]["fault"]

    # Corrupt again, and the kept lists gone too: nothing to rebuild from. The drop is refused with a
    # report (the handler returns: no retry loop into the DLQ) and the index keeps serving.
    bucket.s3.put_object(Bucket=BUCKET, Key="state/catalog.json", Body=b"\x00")
    for key in store.list_keys("state/sources/"):
        bucket.s3.delete_object(Bucket=BUCKET, Key=key)
    serving = bucket.pointer().version
    _, refused = bucket.drop("recalls/cpsc/week-40.ndjson", LIST_V2)
    assert refused["outcome"] == "rejected" and "cannot be rebuilt" in refused["reason"]
    assert bucket.json("reports/cpsc/week-40.ndjson.report.json")["reason"] == refused["reason"]
    assert bucket.pointer().version == serving
    health = read_builder_health(store)
    assert health.status == "degraded" and health.fault.startswith("state/catalog.json is corrupt")
