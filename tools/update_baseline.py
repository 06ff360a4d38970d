"""Pin the current quality scores in tests/eval_baseline.json (the floor the quality gate checks).

Recomputes every set of tools/quality.py and writes its scores with the sha256 of its gold
inputs. Raising a floor is part of every improvement; lowering one is refused unless
``--allow-lower`` is given (say why in the commit message).

Usage:
    python tools/update_baseline.py [--allow-lower] [--epsilon 0.005] [--dry-run]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "tests" / "eval_baseline.json"
DEFAULT_EPSILON = 0.005


def _quality():
    spec = importlib.util.spec_from_file_location("pantau_tools_quality", Path(__file__).with_name("quality.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def lowered(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Every pinned score that the new baseline would lower (same gold inputs only)."""
    out = []
    for name, entry in old.get("sets", {}).items():
        fresh = new["sets"].get(name)
        if fresh is None:
            out.append(f"{name}: set removed")
            continue
        if fresh["gold_sha256"] != entry["gold_sha256"]:
            continue  # new gold inputs: the old floor does not apply
        for metric, value in entry["metrics"].items():
            now = fresh["metrics"].get(metric)
            if now is None or now < value:
                out.append(f"{name}.{metric}: {value} -> {now}")
    return out


def build(results: Mapping[str, Mapping[str, Any]], epsilon: float, gate_metrics) -> dict[str, Any]:
    return {
        "epsilon": epsilon,
        "note": "written by tools/update_baseline.py; checked by tests/test_quality_gate.py",
        "sets": {
            name: {"gold_sha256": r["gold_sha256"], "documents": r["documents"], "metrics": gate_metrics(r)}
            for name, r in results.items()
        },
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Recompute and pin the quality gate's baseline.")
    parser.add_argument("--allow-lower", action="store_true", help="accept a baseline that lowers a floor")
    parser.add_argument("--epsilon", type=float, default=None, help=f"tolerance of the gate (default: kept, else {DEFAULT_EPSILON})")
    parser.add_argument("--dry-run", action="store_true", help="print the new baseline, write nothing")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    args = parser.parse_args(argv)
    quality = _quality()
    old = json.loads(args.baseline.read_text(encoding="utf-8")) if args.baseline.is_file() else {}
    epsilon = args.epsilon if args.epsilon is not None else old.get("epsilon", DEFAULT_EPSILON)
    with tempfile.TemporaryDirectory() as tmp:
        results = quality.run(quality.SETS, Path(tmp))
    new = build(results, epsilon, quality.gate_metrics)
    down = lowered(old, new)
    text = json.dumps(new, indent=2, sort_keys=True) + "\n"
    if down and not args.allow_lower:
        print("refusing to lower the baseline (use --allow-lower and say why):", file=sys.stderr)
        for line in down:
            print(f"  {line}", file=sys.stderr)
        return 1
    if args.dry_run:
        print(text, end="")
        return 0
    args.baseline.write_text(text, encoding="utf-8")
    print(f"wrote {args.baseline}" + (f" (lowered: {', '.join(down)})" if down else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
