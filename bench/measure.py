"""Run a command in a fresh process and measure its wall time and peak memory.

Peak memory is the largest sum of resident set sizes (RSS) over the process and all its
descendants, sampled from /proc every 10 ms, and never less than the kernel's own high-water mark
of the largest single process (getrusage ru_maxrss), which catches peaks between samples."""

from __future__ import annotations

import os
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Sample:
    wall: float  # seconds
    peak_rss: int  # bytes, process tree
    returncode: int
    output: str = ""
    cpu: float = 0.0  # CPU seconds of the process tree
    others: float = 0.0  # CPU seconds used by other processes meanwhile (contention)


@dataclass
class Stats:
    samples: list[Sample] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def peak_rss(self) -> int:
        return int(statistics.median(s.peak_rss for s in self.samples))

    @property
    def walls(self) -> list[float]:
        return [s.wall for s in self.samples]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(p) for p in handle.read().split())
        except OSError:
            pass
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * PAGE
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss(root: int) -> int:
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss(pid)
        stack.extend(_children(pid))
    return total


HZ = os.sysconf("SC_CLK_TCK")


def busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores)."""
    with open("/proc/stat") as handle:
        fields = [int(v) for v in handle.readline().split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / HZ


def wait_quiet(max_wait: float = 600.0, threshold: float = 0.15, window: float = 2.0) -> float:
    """Wait until the machine is nearly idle (other sessions' tests share it): less than
    `threshold` of a core busy over `window` seconds. Returns the seconds waited."""
    started = time.perf_counter()
    while True:
        before = busy_seconds()
        time.sleep(window)
        if (busy_seconds() - before) / window < threshold:
            return time.perf_counter() - started
        if time.perf_counter() - started > max_wait:
            return time.perf_counter() - started


def run(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None,
        timeout: float | None = None, check: bool = True) -> Sample:
    """Run `cmd` once (fresh process), sampling its tree's memory while it runs."""
    full_env = {**os.environ, **(env or {})}
    busy_before = busy_seconds()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=full_env, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    peak = 0
    chunks: list[bytes] = []

    def drain() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            chunks.append(line)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    while True:
        peak = max(peak, tree_rss(proc.pid))
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        if timeout is not None and time.perf_counter() - started > timeout:
            proc.kill()
        time.sleep(0.01)
    wall = time.perf_counter() - started
    busy = busy_seconds() - busy_before
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join()
    output = b"".join(chunks).decode("utf-8", errors="replace")
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited with {proc.returncode}:\n{output[-4000:]}")
    # usage.ru_maxrss (KiB): the high-water mark of this child (and the children it waited for).
    cpu = usage.ru_utime + usage.ru_stime
    # The sampler itself costs ~1-2 % of a core; anything well above is another process.
    return Sample(wall, max(peak, usage.ru_maxrss * 1024), proc.returncode, output, cpu,
                  max(0.0, busy - cpu - 0.03 * wall))
