"""`python -m pipelines.demo [--raw-dir DIR] [--seed N] [--scale X] [--plans-scale Y] [--bundled]`:
write the large synthetic dossier and survey files (set-up runs this), or with --bundled rewrite
the small committed files from code."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pipelines.demo.bundled import write_bundled
from pipelines.demo.generate import generate_demo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m pipelines.demo", description=__doc__)
    parser.add_argument("--raw-dir", type=Path, default=Path("data/raw"))
    parser.add_argument("--seed", type=int, default=20251231)
    parser.add_argument("--scale", type=float, default=1.0,
                        help="size relative to the full demo (300 000 dossiers)")
    parser.add_argument("--plans-scale", type=float, default=None,
                        help="size of the encoded plans' own units' logs (default: --scale)")
    parser.add_argument("--bundled", action="store_true",
                        help="rewrite units/, indices/, evidence/, assignments/ instead")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.bundled:
        summary: dict = {"written": write_bundled(args.raw_dir)}
    else:
        summary = generate_demo(args.raw_dir, seed=args.seed, scale=args.scale,
                                plans_scale=args.plans_scale)
        summary.pop("files")
    summary["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
