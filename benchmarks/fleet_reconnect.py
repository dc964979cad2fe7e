"""Fleet reconnect: N terminals whose platform was down for 10 minutes come back at once.

Each simulated terminal is real: its own data folder, outbox and vault, enrolled with the
local reference platform (HTTP on loopback), driven by the real SyncEngine on its own thread.
The benchmark runs three phases and counts every request the platform receives:

1. steady: the fleet works as usual: heartbeats, and applications arriving at random
   (Poisson) at every terminal, each sent as it comes. Its request rate is the steady rate.
2. outage (not waited): every terminal gets the backlog 10 minutes of arrivals leave behind,
   and the backoff state 10 minutes of failures leave: its full-jitter schedule is simulated
   through the outage (base 1 s, cap 300 s, every attempt failing), which gives its failure
   count and when its next attempt falls after the platform is back.
3. reconnect: the platform answers again; the terminals start from that state. Reported: the
   peak request rate (busiest window) against the steady rate, and the time until every
   terminal's queue is empty. Target from issue 8: peak at most 2x steady.

The engine's answer to the reconnect storm is its jittered reconnect: after a long outage a
terminal first probes with one health request, then waits a random share of the outage's
length before sending its backlog, so the fleet's backlog comes back no faster than it built
up. ``--reconnect full-jitter`` turns that off, to compare.

Time is scaled to stay within a few minutes: with ``--time-scale 10`` (the default) every
interval of the engine (heartbeat 60 s, idle poll 30 s, backoff base/cap 1/300 s, reconnect
spread at most 1800 s) and the 10 minutes themselves are divided by 10, and rates are counted
in windows of 10 s / scale. Status polls are hourly here: the simulated applications never
reach a final state, so their polls would otherwise grow without end. Rates in the output are
per benchmark second; the peak/steady ratio does not depend on the scale, and the drain time
is given unscaled. CI does not run benchmarks.

    .venv/bin/python benchmarks/fleet_reconnect.py [--terminals 500] [--reconnect jittered]
"""

from __future__ import annotations

import argparse
import logging
import random
import resource
import sys
import tempfile
import threading
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from config.secrets import load_secrets  # noqa: E402
from kiosk.sync.backoff import Backoff  # noqa: E402
from kiosk.sync.engine import OutageState, SyncEngine  # noqa: E402
from kiosk.sync.enrollment import enroll  # noqa: E402
from kiosk.sync.platform_client import PlatformClient  # noqa: E402
from offline_cache.store import OfflineStore  # noqa: E402
from tests.fixtures.platform import RunningPlatform, running_reference_platform  # noqa: E402
from tests.fixtures.sync import seed_applications, terminal_settings  # noqa: E402

OUTAGE_S = 600.0  # the 10 minutes, unscaled
BASE_S, CAP_S = 1.0, 300.0  # the engine's default backoff, unscaled
WINDOW_S = 10.0  # rate window, unscaled
HEARTBEAT_S, IDLE_POLL_S = 60.0, 30.0
STATUS_S = 3600.0  # status polls hourly: here applications never reach a final state


class RequestLog:
    """Arrival times of every request the platform gets (monotonic seconds)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.times: list[float] = []

    def add(self) -> None:
        """Count one request now."""
        now = time.monotonic()
        with self._lock:
            self.times.append(now)

    def between(self, start: float, end: float) -> list[float]:
        """Sorted times in [start, end)."""
        with self._lock:
            times = sorted(self.times)
        return times[bisect_left(times, start) : bisect_left(times, end)]


class CountingSession(requests.Session):
    """A requests session that counts every request it sends (answered or not)."""

    def __init__(self, log: RequestLog) -> None:
        super().__init__()
        self._log = log
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=2, max_retries=0)
        self.mount("http://", adapter)

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        """Count, then send."""
        self._log.add()
        return super().send(request, **kwargs)


@dataclass
class Fleet:
    """What the terminal threads share."""

    platform: RunningPlatform
    work: Path
    scale: float
    mode: str
    backlog: int
    log: RequestLog
    seed: int
    ready: threading.Barrier
    steady_end: threading.Event = field(default_factory=threading.Event)
    reconnect_start: threading.Event = field(default_factory=threading.Event)
    end: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    drained_at: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    reconnect_t0: float = 0.0

    @property
    def arrival_rate(self) -> float:
        """Applications per second per terminal (scaled): the backlog over the outage."""
        return self.backlog / (OUTAGE_S / self.scale)


def outage_state(rng: random.Random, scale: float) -> OutageState:
    """The engine's backoff state after OUTAGE_S of failures on its full-jitter schedule
    (base 1 s, cap 300 s), all scaled: failures so far and when the next try falls."""
    backoff = Backoff(BASE_S / scale, CAP_S / scale, rng)
    t, failures, outage = 0.0, 0, OUTAGE_S / scale
    while True:
        t += backoff.delay(failures)
        if t >= outage:
            return OutageState(failures + 1, t - outage, outage)
        failures += 1


def _steady(
    engine: SyncEngine,
    store: OfflineStore,
    fleet: Fleet,
    until: threading.Event,
    rng: random.Random,
    terminal_id: str,
) -> None:
    """Normal work until ``until``: applications arrive at random and are sent as they come."""
    while not until.is_set():
        engine.run(until, timeout_s=rng.expovariate(fleet.arrival_rate))
        if not until.is_set():
            seed_applications(store, 1, attachments=1, size=8_000, terminal_id=terminal_id)


def _terminal(index: int, fleet: Fleet) -> None:
    rng = random.Random(fleet.seed * 100_003 + index)  # noqa: S311 - a simulation
    terminal_id = f"MY-FLEET-{index:04d}"
    try:
        settings = terminal_settings(
            fleet.work / f"t{index}",
            fleet.platform,
            terminal={"id": terminal_id},
            sync={
                "heartbeat_interval_s": HEARTBEAT_S / fleet.scale,
                "idle_poll_s": IDLE_POLL_S / fleet.scale,
                "backoff_base_s": BASE_S / fleet.scale,
                "backoff_cap_s": CAP_S / fleet.scale,
                "status_interval_s": STATUS_S / fleet.scale,
                "reconnect_spread_max_s": 1800 / fleet.scale if fleet.mode == "jittered" else 0,
                "upload_parallelism": 1,
            },
        )
        enroll(settings, fleet.platform.admin.enrollment_code(terminal_id))
        store = OfflineStore.open(settings.storage)
        session = CountingSession(fleet.log)
        client = PlatformClient.from_settings(
            settings, load_secrets(settings.storage.secrets_file), session
        )
        backoff = Backoff(settings.sync.backoff_base_s, settings.sync.backoff_cap_s, rng)
        engine = SyncEngine(
            store, client, terminal_id=terminal_id, settings=settings.sync, backoff=backoff
        )
    except Exception as error:
        with fleet.lock:
            fleet.errors.append(f"{terminal_id}: {error!r}")
        fleet.ready.abort()
        return
    try:
        fleet.ready.wait()
        # Steady state: heartbeats fall anywhere in their interval, not all at once.
        fleet.steady_end.wait(rng.uniform(0, HEARTBEAT_S / fleet.scale))
        _steady(engine, store, fleet, fleet.steady_end, rng, terminal_id)
        # The outage: the backlog 10 minutes leave behind (not timed, no requests).
        seed_applications(store, fleet.backlog, attachments=1, size=8_000, terminal_id=terminal_id)
        state = outage_state(rng, fleet.scale)
        fleet.ready.wait()
        fleet.reconnect_start.wait()
        status = engine.run(fleet.end, until_empty=True, after_outage=state)
        with fleet.lock:
            if status.pending == 0:
                fleet.drained_at.append(time.monotonic())
            else:
                fleet.errors.append(f"{terminal_id}: {status.pending} left ({status.state})")
        _steady(engine, store, fleet, fleet.end, rng, terminal_id)
    except threading.BrokenBarrierError:
        pass
    except Exception as error:
        with fleet.lock:
            fleet.errors.append(f"{terminal_id}: {error!r}")
        fleet.ready.abort()
    finally:
        client.close()
        store.close()


def _rates(times: list[float], start: float, end: float, window: float) -> tuple[float, float]:
    """(mean rate, busiest window's rate) of ``times`` in [start, end)."""
    count = max(1, int((end - start) / window))
    buckets = [0] * count
    for t in times:
        slot = int((t - start) / window)
        if 0 <= slot < count:
            buckets[slot] += 1
    return sum(buckets) / (count * window), max(buckets) / window


def main(argv: list[str] | None = None) -> int:
    """Run the three phases and print the figures."""
    parser = argparse.ArgumentParser(description="fleet reconnect after a 10-minute outage")
    parser.add_argument("--terminals", type=int, default=500)
    parser.add_argument("--backlog", type=int, default=1, help="applications per terminal")
    parser.add_argument("--time-scale", type=float, default=10.0)
    parser.add_argument("--steady-s", type=float, default=60.0, help="steady phase (unscaled)")
    parser.add_argument("--reconnect", choices=("jittered", "full-jitter"), default="jittered")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # 500 engines retrying would flood the terminal
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
    scale, window = args.time_scale, WINDOW_S / args.time_scale
    with tempfile.TemporaryDirectory(prefix="fleet-") as folder:
        work = Path(folder)
        with running_reference_platform(work / "platform", work) as platform:
            fleet = Fleet(
                platform,
                work,
                scale,
                args.reconnect,
                args.backlog,
                RequestLog(),
                args.seed,
                threading.Barrier(args.terminals + 1),
            )
            started = time.monotonic()
            threads = [
                threading.Thread(target=_terminal, args=(i, fleet), daemon=True)
                for i in range(args.terminals)
            ]
            for thread in threads:
                thread.start()
            try:
                fleet.ready.wait()
            except threading.BrokenBarrierError:
                print("setting up the fleet failed:", *fleet.errors[:5], sep="\n  ")
                return 1
            setup_s = time.monotonic() - started
            steady_start = time.monotonic()
            warmup = HEARTBEAT_S / scale
            time.sleep(warmup + args.steady_s / scale)
            steady_stop = time.monotonic()
            fleet.steady_end.set()
            try:
                fleet.ready.wait()  # every terminal holds its backlog and its backoff state
            except threading.BrokenBarrierError:
                print("a terminal failed:", *fleet.errors[:5], sep="\n  ")
                return 1
            fleet.reconnect_t0 = t0 = time.monotonic()
            fleet.reconnect_start.set()
            limit = t0 + 2 * (CAP_S + OUTAGE_S) / scale + 60
            while time.monotonic() < limit:
                with fleet.lock:
                    done = len(fleet.drained_at) + len(fleet.errors)
                if done >= args.terminals:
                    break
                time.sleep(0.2)
            with fleet.lock:
                last = max(fleet.drained_at, default=t0)
            end = max(time.monotonic(), last + window)
            fleet.end.set()
            join_by = time.monotonic() + 30
            for thread in threads:
                thread.join(timeout=max(0.0, join_by - time.monotonic()))
    steady_rate, steady_peak = _rates(
        fleet.log.between(steady_start + warmup, steady_stop),
        steady_start + warmup,
        steady_stop,
        window,
    )
    reconnect = fleet.log.between(t0, end)
    mean_rate, peak = _rates(reconnect, t0, end, window)
    drain_s = (last - t0) * scale
    print(
        f"terminals {args.terminals}, backlog {args.backlog} applications each,"
        f" reconnect: {args.reconnect}, time scale 1/{scale:g} (setup {setup_s:.0f} s)"
    )
    print(f"steady      : {steady_rate:7.1f} req/s (busiest {window:g} s window {steady_peak:.1f})")
    print(
        f"reconnect   : peak {peak:7.1f} req/s, mean {mean_rate:.1f} req/s,"
        f" {len(reconnect)} requests"
    )
    ratio = peak / steady_rate if steady_rate else float("inf")
    print(f"peak/steady : {ratio:.2f} (target <= 2.0): {'PASS' if ratio <= 2.0 else 'MISS'}")
    print(
        f"all queues empty after {drain_s:.0f} s (unscaled; {last - t0:.1f} s here),"
        f" {len(fleet.drained_at)}/{args.terminals} terminals drained"
    )
    for problem in fleet.errors[:5]:
        print("  " + problem)
    return 1 if fleet.errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
