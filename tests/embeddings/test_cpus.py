"""CPUs this process may use: cgroup v2 and v1 quotas, affinity, and ONNX Runtime's thread count."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from embeddings.cpus import available_cpus, cgroup_cpu_quota, onnx_threads


def _v2(root: Path, text: str) -> Path:
    (root / "cpu.max").write_text(text + "\n")
    return root


def _v1(root: Path, quota: str, period: str = "100000") -> Path:
    (root / "cpu").mkdir()
    (root / "cpu" / "cpu.cfs_quota_us").write_text(quota + "\n")
    (root / "cpu" / "cpu.cfs_period_us").write_text(period + "\n")
    return root


@pytest.mark.parametrize(
    ("text", "cpus"),
    [("200000 100000", 2), ("150000 100000", 2), ("50000 100000", 1), ("max 100000", None), ("400000", 4)],
)
def test_a_cgroup_v2_quota_is_whole_cpus_rounded_up(tmp_path: Path, text: str, cpus: int | None) -> None:
    assert cgroup_cpu_quota(_v2(tmp_path, text)) == cpus


@pytest.mark.parametrize(("quota", "cpus"), [("300000", 3), ("-1", None), ("junk", None)])
def test_a_cgroup_v1_quota_is_read_when_there_is_no_v2_file(
    tmp_path: Path, quota: str, cpus: int | None
) -> None:
    assert cgroup_cpu_quota(_v1(tmp_path, quota)) == cpus


def test_no_cgroup_files_mean_no_quota(tmp_path: Path) -> None:
    assert cgroup_cpu_quota(tmp_path) is None
    assert available_cpus(tmp_path) == len(os.sched_getaffinity(0))


@pytest.mark.parametrize(("quota_cpus", "extra"), [(1, 0), (None, 8)])
def test_a_quota_lowers_the_cpus_but_never_raises_them(
    tmp_path: Path, quota_cpus: int | None, extra: int
) -> None:
    affinity = len(os.sched_getaffinity(0))
    cpus = quota_cpus or affinity + extra
    assert available_cpus(_v2(tmp_path, f"{cpus * 100000} 100000")) == min(cpus, affinity)


def test_onnx_threads_follow_the_setting_then_the_container(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 64)  # a big host...
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3, 4, 5, 6, 7})
    assert onnx_threads(3, tmp_path) == 3  # the setting wins
    assert onnx_threads(0, tmp_path) == 8  # ...of which the process may use 8 (a cpuset)
    assert onnx_threads(0, _v2(tmp_path, "200000 100000")) == 2  # ...or a quota of 2


def test_an_unconstrained_host_keeps_onnx_runtimes_own_choice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert onnx_threads(0, tmp_path) == 0
