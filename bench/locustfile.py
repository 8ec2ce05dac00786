"""The officers' session mix of `make loadtest` (bench/loadtest.py starts it; not meant to be run by hand).

``Officer``: a demo officer logs in, then goes round the pages an officer uses at a reporting deadline — dashboard,
unit tree, people search, a unit page, a plan, a report, a proposal — with no think time (each simulated user is one
busy connection), and now and then logs out and in again. ``Bare``: the same users only fetch the bare authenticated
view (``core:bare``), the floor. The URLs come from LOADTEST_PLAN, a JSON file the driver writes after checking each
URL answers 200 to its account. LOADTEST_MAX_REQUESTS stops the run after that many requests (a bound besides -t).
"""

import json
import os
import random
import re
from pathlib import Path

from locust import HttpUser, constant, events, task

PLAN = json.loads(Path(os.environ["LOADTEST_PLAN"]).read_text())
PASSWORD = PLAN["password"]
MAX_REQUESTS = int(os.environ.get("LOADTEST_MAX_REQUESTS", "0"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_count = 0


@events.request.add_listener
def _bounded(**kwargs):
    global _count
    _count += 1
    if MAX_REQUESTS and _count == MAX_REQUESTS:
        runner = getattr(_bounded, "environment", None)
        if runner is not None and runner.runner is not None:
            runner.runner.quit()


@events.init.add_listener
def _keep_environment(environment, **kwargs):
    _bounded.environment = environment


class Session(HttpUser):
    abstract = True
    wait_time = constant(0)

    def on_start(self):
        self.account = random.choice(PLAN["accounts"])
        self.login()

    def login(self):
        page = self.client.get(PLAN["login"], name="login (form)")
        token = CSRF.search(page.text)
        self.client.post(
            PLAN["login"],
            {
                "username": self.account["username"],
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1),
            },
            name="login",
            allow_redirects=False,
        )


class Bare(Session):
    @task
    def bare(self):
        self.client.get(PLAN["bare"], name="bare view")


class Officer(Session):
    def page(self, kind):
        url = random.choice(self.account["urls"][kind])
        self.client.get(url, name=kind)

    @task(3)
    def dashboard(self):
        self.page("dashboard")

    @task(2)
    def tree(self):
        self.page("tree")

    @task(3)
    def search(self):
        self.page("people search")

    @task(3)
    def unit(self):
        self.page("unit")

    @task(2)
    def plan(self):
        self.page("plan")

    @task(2)
    def report(self):
        self.page("report")

    @task(2)
    def proposal(self):
        self.page("proposal")

    @task(1)
    def relogin(self):
        self.client.cookies.clear()
        self.login()
