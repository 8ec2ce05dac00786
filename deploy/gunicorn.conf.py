"""gunicorn's settings for Thidua (systemd's thidua-web.service passes this file; `make deploy-check` too).

The figures come from the environment file (/etc/thidua/thidua.env), read here because gunicorn, not Django, reads
this file: WEB_BIND (default 127.0.0.1:8000, where nginx sends requests), WEB_CONCURRENCY (workers, default
2 × cores + 1), WEB_THREADS (threads per worker, default 1), WEB_TIMEOUT (seconds a request may take, default 120:
exports and documents are built in tasks, not in requests).
"""

import multiprocessing
import os

bind = os.environ.get("WEB_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", str(multiprocessing.cpu_count() * 2 + 1)))
threads = int(os.environ.get("WEB_THREADS", "1"))
timeout = int(os.environ.get("WEB_TIMEOUT", "120"))
graceful_timeout = 30  # on reload or stop, a worker finishes the requests it serves for at most this long
keepalive = 5
max_requests = 2000  # a worker is replaced after this many requests (bounded memory), at a random offset
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")  # nginx's X-Forwarded-Proto
# One JSON line per request comes from Django (thidua.core.logs); gunicorn's own access log would repeat it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("WEB_LOG_LEVEL", "info")
proc_name = "thidua-web"


def child_exit(server, worker):
    """A worker that ends leaves its metrics files; prometheus_client must stop adding its live gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
