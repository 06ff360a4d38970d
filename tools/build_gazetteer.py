"""Build (or rebuild) the cached place index and report its size and timings.

Usage: python tools/build_gazetteer.py [--force]
"""

from __future__ import annotations

import sys
import time

from pantau.knowledge.gazetteer import Gazetteer, cache_path, load_or_build


def main(argv: list[str]) -> int:
    path = cache_path()
    if "--force" in argv and path.exists():
        path.unlink()
    t0 = time.perf_counter()
    load_or_build()
    t1 = time.perf_counter()
    gaz = Gazetteer.load()
    t2 = time.perf_counter()
    print(f"index {path} ({path.stat().st_size / 1e6:.1f} MB)")
    print(f"build-or-read {t1 - t0:.1f} s, load {t2 - t1:.2f} s, {len(gaz)} places, {sum(1 for _ in gaz.keys())} names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
