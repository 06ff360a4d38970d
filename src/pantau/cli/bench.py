"""`pantau bench`: measure speed, memory and growth on a fixed corpus built from real articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

__all__ = ["bench"]


def _sizes(value: str) -> tuple[int, ...]:
    try:
        sizes = tuple(sorted({int(v.replace("_", "")) for v in value.split(",") if v.strip()}))
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a comma-separated list of numbers", param_hint="--sizes") from None
    if not sizes or min(sizes) < 1:
        raise typer.BadParameter("give at least one size of 1 or more", param_hint="--sizes")
    return sizes


def bench(
    quick: Annotated[bool, typer.Option("--quick", help="CI-sized run (well under a minute): small sizes and samples.")] = False,
    sizes: Annotated[
        Optional[str], typer.Option("--sizes", metavar="N,N,N", help="Corpus sizes for the end-to-end runs [default: 1000,10000,100000; --quick: 20,40,80].")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", min=2, help="Workers for the pool and Dask comparisons.")] = 2,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the corpus variation (same seed, same corpus).")] = 20240601,
    shared: Annotated[
        Optional[Path], typer.Option("--shared", help="The shared folder with samples/ and corpus/ [default: ../shared when present].")
    ] = None,
    scale_size: Annotated[
        Optional[int],
        typer.Option("--scale-size", min=100, help="Articles for the pool and Dask comparisons [default: 2000]; more "
                     "amortise each worker's warm-up (its word and place memos start empty)."),
    ] = None,
    no_dask: Annotated[bool, typer.Option("--no-dask", help="Skip the Dask LocalCluster comparison.")] = False,
    json_out: Annotated[Optional[Path], typer.Option("--json", help="Also write every figure to this JSON file.")] = None,
) -> None:
    """Time each stage and the whole path, against naive baselines, at three sizes; pool and Dask scaling.

    The last line is `N articles/s per core` (end to end, at the largest size).
    """
    from pantau.bench import BenchConfig, run_bench

    overrides: dict[str, object] = {"workers": workers, "seed": seed, "shared": shared, "dask": not no_dask,
                                    "json_path": json_out}
    if sizes is not None:
        overrides["sizes"] = _sizes(sizes)
    if scale_size is not None:
        overrides["scale_size"] = scale_size
    config = BenchConfig.quick_config(**overrides) if quick else BenchConfig(**overrides)  # type: ignore[arg-type]
    run_bench(config, emit=lambda line: typer.echo(line))
