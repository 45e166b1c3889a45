"""How many CPUs this process may use, for sizing ONNX Runtime's thread pool.

ONNX Runtime sizes its pool to the host's physical cores. A container given two CPUs of a 64-core
host (a cgroup CPU quota, or a cpuset) then runs 32 threads on two CPUs, and every question waits
for the slowest of them. Neither ``os.cpu_count()`` nor ONNX Runtime sees the quota, so it is read
here from the cgroup files a container sees at its root.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")


def cgroup_cpu_quota(root: Path = CGROUP_ROOT) -> int | None:
    """CPUs allowed by a cgroup quota, rounded up (v2 ``cpu.max``, else v1 CFS), or None if unlimited."""
    v2 = _read(root / "cpu.max")
    if v2 is not None:
        quota, _, period = v2.partition(" ")
        return _cpus(quota, period or "100000")
    quota_v1 = _read(root / "cpu" / "cpu.cfs_quota_us")
    period_v1 = _read(root / "cpu" / "cpu.cfs_period_us")
    if quota_v1 is None or period_v1 is None:
        return None
    return _cpus(quota_v1, period_v1)


def available_cpus(root: Path = CGROUP_ROOT) -> int:
    """The CPUs this process may run on (its affinity mask), lowered to a cgroup quota if there is one."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        count = os.cpu_count() or 1
    quota = cgroup_cpu_quota(root)
    return max(1, min(count, quota)) if quota else count


def onnx_threads(setting: int, root: Path = CGROUP_ROOT) -> int:
    """Intra-op threads for a session: ``setting`` if set; else 0 (ONNX Runtime's own choice) unless
    the process may use fewer CPUs than the host has, and then that many."""
    if setting > 0:
        return setting
    allowed = available_cpus(root)
    return allowed if allowed < (os.cpu_count() or allowed) else 0


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _cpus(quota: str, period: str) -> int | None:
    """``quota``/``period`` microseconds as whole CPUs; "max" or -1 means no quota."""
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:  # "max"
        return None
    if quota_us <= 0 or period_us <= 0:
        return None
    return max(1, math.ceil(quota_us / period_us))
