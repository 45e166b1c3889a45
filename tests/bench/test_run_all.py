"""The one bench command: runs the parts present, each in its own process, and writes a summary."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from bench.run_all import main, part_command
from service.cli import build_parser


def test_absent_parts_are_skipped_and_ours_get_sizes(tmp_path: Path) -> None:
    args = argparse.Namespace(quick=True, sizes="300", out=tmp_path, index=tmp_path / "idx")
    assert part_command("no_such_part", args) is None
    cmd = part_command("scaling", args)
    assert cmd is not None and cmd[1:3] == ["-m", "bench.scaling"]
    assert "--quick" in cmd and cmd[cmd.index("--sizes") + 1] == "300"
    api = part_command("api_latency", args)
    assert api is not None and api[api.index("--base") + 1] == str(tmp_path / "idx")


def test_cli_has_a_bench_subcommand() -> None:
    args = build_parser().parse_args(["bench", "--quick", "--sizes", "300", "--parts", "scaling"])
    assert args.quick and args.sizes == "300" and args.parts == "scaling"


@pytest.mark.slow
def test_quick_run_writes_a_summary(tmp_path: Path) -> None:
    code = main(["--quick", "--sizes", "300", "--parts", "scaling,keyword_scaling", "--out", str(tmp_path)])

    assert code == 0
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert "| scaling | ok |" in summary and "| keyword_scaling | ok |" in summary
    assert "## scaling" in summary and "flat = numpy top-1 in 100%" in summary
