"""Quality floors CI enforces: a metric below its floor (or a latency above its ceiling) fails."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def check_floors(summary: dict[str, Any], path: Path) -> list[str]:
    floors: dict[str, float] = json.loads(path.read_text(encoding="utf-8"))
    failures = []
    for metric, bound in floors.items():
        value = summary.get(metric)
        if value is None:
            failures.append(f"{metric}: not measured")
        elif metric == "wrongly_refused" or metric.startswith("latency"):
            if value > bound:
                failures.append(f"{metric} = {value} above the ceiling {bound}")
        elif value < bound:
            failures.append(f"{metric} = {value} below the floor {bound}")
    return failures
