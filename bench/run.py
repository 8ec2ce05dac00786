"""Runs every bench/bench_*.py in turn (`make bench`). Each prints its figures and the ratio to a floor measured in
the same run. BENCH_SCALE (default "demo") picks the data size: demo, province, national."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failures = 0
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.stem}", flush=True)
        failures += subprocess.call([sys.executable, str(script)], env=env, cwd=HERE.parent) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
