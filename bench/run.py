"""Runs every bench/bench_*.py in turn (`make bench`). Each prints its figures and the ratio to a floor measured in
the same run. BENCH_SCALE (default "province") picks the data size: demo, province, national.

Every bench runs as a deployment does: DEBUG off (Django keeps no query log, templates are cached, static files come
from the manifest), so the figures are not inflated by development-only work. ``bench_env()`` is that environment;
a script started on its own gets it too through ``apply()``.
"""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# What a deployment sets, for a run on loopback without HTTPS. DEBUG is forced off; the rest only when not given.
BENCH_DEFAULTS = {
    "SECRET_KEY": "bench-only-secret-key-not-for-deployments",
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL": "0",
    "BARE_VIEW": "1",
    "LOG_REQUESTS": "0",
    "LOG_LEVEL": "ERROR",
}


def bench_env(base: dict | None = None) -> dict:
    env = dict(os.environ if base is None else base)
    for name, value in BENCH_DEFAULTS.items():
        env.setdefault(name, value)
    env["DEBUG"] = "0"
    return env


def apply() -> None:
    """Put this process in the benchmark environment (before Django is set up)."""
    os.environ.update(bench_env())


def main() -> int:
    failures = 0
    env = {**bench_env(), "PYTHONPATH": str(HERE.parent)}
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.stem}", flush=True)
        failures += subprocess.call([sys.executable, str(script)], env=env, cwd=HERE.parent) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
