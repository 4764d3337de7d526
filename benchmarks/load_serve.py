"""Load on `recall-screen serve`: throughput, latency, memory, and every decision counted.

Starts `recall-screen serve` on a free loopback port as a child process, drives `POST /v1/screen`
from several concurrent clients for a bounded number of requests (and, with `--soak`, for a
bounded time after that), samples the resident memory of the server and its workers (the whole
process tree) as it goes, then reads the decision table back from the embedded DynamoDB and
checks that every 200 left exactly one record and nothing else was recorded, and times SIGTERM.

Records are checked without a scan (moto pages a scan by walking the table from its start, so
reading back 100,000 decisions would take an hour): each decision returned with 200 is read back
by its id and must be the decision exactly as returned, and the table's item count must be
exactly what those decisions account for (each decision item, one item per distinct recall it
matched, one per Idempotency-Key used, and what each leaves about its listing: its latest-decision
item, a review's queue entries, a block's remembered listing under each fingerprint key). A
decision recorded twice, or one recorded and never returned, makes the count too high.

    .venv/bin/python benchmarks/load_serve.py                      # 2,000 screens, 8 clients
    .venv/bin/python benchmarks/load_serve.py --soak 1800          # then 30 minutes more
    .venv/bin/python benchmarks/load_serve.py --concurrency 2 --recalls cpsc=FILE   # serve's options

Listings are drawn from the development set when it is there (`--listings`), else a small
built-in mix; each request has its own listing id, and one in ten carries an Idempotency-Key that
is sent twice (the retry must replay, not record again).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LISTINGS = ROOT.parent / "shared" / "data" / "listings" / "dev.ndjson"
FALLBACK = [
    {"title": "Sportspower BouncePro 14ft Trampoline", "model": "TR-1686", "ship_to": "US"},
    {"title": "Hand-carved wooden chess set", "ship_to": "US"},
    {"title": "Baby crib with drop side rail, white", "ship_to": "US"},
    {"title": "Stainless steel water bottle 750ml", "ship_to": "US"},
]


def _listings(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return FALLBACK
    out = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            item.pop("label", None)
            item.pop("listing_id", None)
            out.append(item)
    return out


def _start_server(python: str, options: list[str]) -> tuple[subprocess.Popen[str], str, str, str]:
    process = subprocess.Popen(
        [python, "-m", "recall_screen_cli", "serve", "--port", "0", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    header: dict[str, str] = {}
    assert process.stdout is not None
    while len(header) < 4:
        line = process.stdout.readline()
        if not line:
            raise SystemExit("serve exited before it printed its address")
        name, _, value = line.partition(": ")
        header[name.strip()] = value.strip()
    # Keep reading what the server prints, so a full pipe never blocks it.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return process, header["API"], header["API key"], header["S3 endpoint"]


def _process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (serve's workers), from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _rss_mib(pid: int) -> tuple[float, float]:
    """(resident now, the sum of each process's peak resident) of a process and its
    descendants, in MiB, from /proc."""
    now = peak = 0.0
    for member in _process_tree(pid):
        try:
            lines = Path(f"/proc/{member}/status").read_text().splitlines()
        except OSError:
            continue
        for line in lines:
            name, _, value = line.partition(":")
            if name == "VmRSS":
                now += int(value.split()[0]) / 1024
            elif name == "VmHWM":
                peak += int(value.split()[0]) / 1024
    return now, peak


def _listing_items(payload: bytes, listing: dict[str, Any]) -> int:
    """The items a decision leaves about its listing (each listing here has an id of its own):
    its latest-decision item, a review's queue entries, a block's remembered listing under each
    of its fingerprint keys (`aws/review_store.py` has the layout)."""
    from recall_screen.aws.review_store import queue_items
    from recall_screen.models import Decision, Listing
    from recall_screen.relisting import blocked_listing

    decision, screened = Decision.model_validate_json(payload), Listing.model_validate(listing)
    blocked = blocked_listing(decision, screened)
    return (
        1 + len(queue_items(decision, screened)) + (len(blocked.fingerprint.lookup_keys()) if blocked else 0)
    )


class Driver:
    def __init__(self, api: str, key: str, listings: list[dict[str, Any]], seed: int) -> None:
        match = re.match(r"http://([^:/]+):(\d+)", api)
        assert match, api
        self.host, self.port = match[1], int(match[2])
        self.key = key
        self.listings = listings
        self.random = random.Random(seed)
        self.lock = threading.Lock()
        self.sent = 0
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()
        self.decisions: dict[str, bytes] = {}  # decision_id -> the decision as returned (every 200)
        self.recall_items = 0  # the matched-recall items those decisions have in the table
        self.keys_used = 0  # Idempotency-Keys answered 200: one item each
        # What else each decision leaves, by the layer's own rules: its listing's latest-decision
        # item, a review's queue entries, a block's remembered listing under each fingerprint key.
        self.listing_items = 0
        self.replays = 0
        self.replay_mismatches = 0

    def _request(self, conn: http.client.HTTPConnection, body: dict[str, Any], key: str | None) -> Any:
        headers = {"x-api-key": self.key, "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        started = time.perf_counter()
        conn.request("POST", "/v1/screen", json.dumps(body), headers)
        response = conn.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        return response.status, payload, elapsed, response.getheader("Idempotent-Replayed")

    def _next(self) -> tuple[int, dict[str, Any]] | None:
        with self.lock:
            if self.stop_at is not None and time.monotonic() >= self.stop_at:
                return None
            if self.stop_at is None and self.sent >= self.limit:
                return None
            self.sent += 1
            number = self.sent
            listing = dict(self.random.choice(self.listings))
        listing["listing_id"] = f"LOAD-{self.run}-{number}"
        return number, listing

    def client(self) -> None:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        while (item := self._next()) is not None:
            number, listing = item
            key = f"load-{self.run}-{number}" if number % 10 == 0 else None
            status, payload, elapsed, _ = self._request(conn, listing, key)
            replay = None
            if key and status == 200:
                replay = self._request(conn, listing, key)
            left = _listing_items(payload, listing) if status == 200 else 0  # outside the lock
            with self.lock:
                self.latencies.append(elapsed)
                self.statuses[status] += 1
                if status == 200:
                    decision = json.loads(payload)
                    self.decisions[decision["decision_id"]] = payload
                    self.recall_items += len({(m["source"], m["recall_id"]) for m in decision["matches"]})
                    self.keys_used += 1 if key else 0
                    self.listing_items += left
                if replay is not None:
                    self.replays += 1
                    if replay[0] != 200 or replay[1] != payload or replay[3] != "true":
                        self.replay_mismatches += 1
        conn.close()

    def run_phase(self, name: str, clients: int, *, limit: int = 0, seconds: float | None = None) -> None:
        self.run, self.limit = name, limit
        self.stop_at = None if seconds is None else time.monotonic() + seconds
        threads = [threading.Thread(target=self.client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _report(name: str, driver: Driver, elapsed: float, rss: list[tuple[float, float, float]]) -> None:
    lat = driver.latencies
    print(f"\n{name}: {len(lat)} screens from the clients in {elapsed:.1f} s = {len(lat) / elapsed:.0f}/s")
    print(f"  status codes: {dict(sorted(driver.statuses.items()))}")
    if lat:
        print(
            f"  latency ms: mean {statistics.mean(lat):.1f}, p50 {_percentile(lat, 0.5):.1f}, "
            f"p95 {_percentile(lat, 0.95):.1f}, p99 {_percentile(lat, 0.99):.1f}, max {max(lat):.1f}"
        )
        quarter = max(1, len(lat) // 4)
        print(
            f"  latency ms, first quarter p50 {_percentile(lat[:quarter], 0.5):.1f} / "
            f"last quarter p50 {_percentile(lat[-quarter:], 0.5):.1f}"
        )
    if rss:
        quarters = [rss[min(len(rss) - 1, len(rss) * q // 4)][1] for q in (1, 2, 3)]
        print(
            f"  server memory MiB (with its workers): start {rss[0][1]:.0f}, at each quarter "
            f"{' / '.join(f'{m:.0f}' for m in quarters)}, end {rss[-1][1]:.0f}, "
            f"highest sampled {max(r[1] for r in rss):.0f} (sum of each process's peak {rss[-1][2]:.0f})"
        )
    print(f"  idempotent retries: {driver.replays}, replayed differently: {driver.replay_mismatches}")


def _check_records(endpoint: str, driver: Driver) -> tuple[list[str], list[str], int, int]:
    """(decisions missing from the table, decisions recorded otherwise than returned, the table's
    item count, the item count the returned decisions and keys account for)."""
    import boto3

    client = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )
    table = client.list_tables()["TableNames"][0]
    missing: list[str] = []
    different: list[str] = []
    ids = list(driver.decisions)

    def read(part: list[str]) -> None:
        for start in range(0, len(part), 100):  # BatchGetItem: 100 keys a call
            wanted = {f"DECISION#{d}": d for d in part[start : start + 100]}
            request = {table: {"Keys": [{"pk": {"S": pk}, "sk": {"S": "DECISION"}} for pk in wanted]}}
            found: dict[str, str] = {}
            while request:
                answer = client.batch_get_item(RequestItems=request)
                for item in answer["Responses"].get(table, []):
                    found[item["pk"]["S"]] = item["decision_json"]["S"]
                request = answer.get("UnprocessedKeys") or {}
            for pk, decision_id in wanted.items():
                if pk not in found:
                    missing.append(decision_id)
                elif found[pk].encode() != driver.decisions[decision_id]:
                    different.append(decision_id)

    readers = [threading.Thread(target=read, args=(ids[n::8],)) for n in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    items = int(client.describe_table(TableName=table)["Table"]["ItemCount"])
    expected = len(ids) + driver.recall_items + driver.keys_used + driver.listing_items
    return missing, different, items, expected


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--soak", type=float, default=0.0, help="seconds of load after the counted run")
    parser.add_argument("--listings", type=Path, default=DEFAULT_LISTINGS)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--concurrency", type=int, help="serve's --concurrency (its default otherwise)")
    parser.add_argument("--recalls", nargs="+", metavar="[SOURCE=]FILE", help="serve's --recalls")
    args = parser.parse_args()

    options = []
    if args.concurrency:
        options += ["--concurrency", str(args.concurrency)]
    if args.recalls:
        options += ["--recalls", *args.recalls]
    process, api, key, endpoint = _start_server(sys.executable, options)
    rss: list[tuple[float, float, float]] = []
    sampling = threading.Event()

    def sample() -> None:
        started = time.monotonic()
        while not sampling.wait(1.0):
            now, peak = _rss_mib(process.pid)
            rss.append((time.monotonic() - started, now, peak))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        driver = Driver(api, key, _listings(args.listings), args.seed)
        started = time.perf_counter()
        driver.run_phase("load", args.clients, limit=args.requests)
        _report(
            f"load ({args.clients} clients, {args.requests} requests)",
            driver,
            time.perf_counter() - started,
            rss,
        )
        if args.soak:
            driver.latencies, driver.statuses = [], Counter()
            soak_rss_from = len(rss)
            started = time.perf_counter()
            driver.run_phase("soak", args.clients, seconds=args.soak)
            _report(f"soak ({args.soak:.0f} s)", driver, time.perf_counter() - started, rss[soak_rss_from:])
        checking = time.perf_counter()
        missing, different, items, expected = _check_records(endpoint, driver)
        print(
            f"\nrecords: {len(driver.decisions)} decisions returned with 200, each read back: missing "
            f"{len(missing)}, recorded otherwise than returned {len(different)}; the table holds {items} "
            f"items, those decisions, keys and listings account for {expected}: {items - expected:+d} "
            f"(checked in {time.perf_counter() - checking:.0f} s)"
        )
        shutdown = time.perf_counter()
        process.terminate()
        process.wait(timeout=10)
        print(f"SIGTERM to exit: {time.perf_counter() - shutdown:.2f} s")
        return 0 if not (missing or different or items != expected or driver.replay_mismatches) else 1
    finally:
        sampling.set()
        if process.poll() is None:
            process.kill()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
