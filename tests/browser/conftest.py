"""Real-browser tests of the tablet app: the real app on 127.0.0.1, Debian's Chromium headless.

The server runs in a thread against a migrated temporary SQLite database with the demo data,
behind a small WSGI middleware that can fail chosen requests with a 500 (before or after the
app handled them). Without /usr/bin/chromium the tests are skipped, unless CI=true: then they
fail. Screenshots go to tests/artifacts/ (ignored by git).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from campo.app import create_app
from campo.config import Config
from campo.db import Database
from campo.demo.data import load_demo
from campo.eligibility.models import Coe
from tests.factories import state_today

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
PASSWORD = "campo-demo"
SIZES = {"1024x768": (1024, 768), "800x1280": (800, 1280), "phone": (390, 844)}


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = "Debian's Chromium is not installed (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}: CI needs it", pytrace=False)
    pytest.skip(message)


@dataclass
class Failure:
    method: str
    pattern: re.Pattern[str]
    remaining: int
    after_app: bool
    seen: int = 0


@dataclass
class FailingMiddleware:
    """Answers 500 to chosen requests: before the app sees them, or after it handled them; or
    holds them for a while first, as a weak signal does (service workers' requests included,
    which the browser's own routing does not see)."""

    app: Callable[..., Any]
    failures: list[Failure] = field(default_factory=list)
    held: list[tuple[re.Pattern[str], float]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def hold(self, pattern: str, seconds: float) -> None:
        with self.lock:
            self.held.append((re.compile(pattern), seconds))

    def fail(self, method: str, pattern: str, count: int, *, after_app: bool = False) -> Failure:
        failure = Failure(method, re.compile(pattern), count, after_app)
        with self.lock:
            self.failures.append(failure)
        return failure

    def reset(self) -> None:
        with self.lock:
            self.failures.clear()
            self.held.clear()

    def _take(self, method: str, path: str) -> Failure | None:
        with self.lock:
            for failure in self.failures:
                if failure.method == method and failure.pattern.search(path):
                    failure.seen += 1
                    if failure.remaining > 0:
                        failure.remaining -= 1
                        return failure
        return None

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        with self.lock:
            delays = [s for p, s in self.held if p.search(environ.get("PATH_INFO", ""))]
        if delays:
            time.sleep(max(delays))
        failure = self._take(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""))
        if failure is None:
            return self.app(environ, start_response)
        if failure.after_app:  # the work is done and committed; only the answer is lost
            answer = self.app(environ, lambda *args, **kwargs: None)
            try:
                for _chunk in answer:
                    pass
            finally:
                if hasattr(answer, "close"):
                    answer.close()
        payload = json.dumps(
            {"error": {"code": "server.error", "message": "injected", "fields": {}}}
        ).encode()
        start_response(
            "500 INTERNAL SERVER ERROR",
            [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
        )
        return [payload]


@dataclass
class LiveServer:
    url: str
    database: Database
    faults: FailingMiddleware

    def coes(self) -> list[Coe]:
        with self.database.transaction() as session:
            rows = list(session.scalars(sa.select(Coe)))
            for row in rows:
                row.children  # noqa: B018 - load them while the session is open
            session.expunge_all()
            return rows

    def coe(self, coe_id: str) -> Coe | None:
        with self.database.transaction() as session:
            row = session.get(Coe, uuid.UUID(coe_id))
            if row is not None:
                row.children  # noqa: B018 - load them while the session is open
                session.expunge_all()
            return row


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    folder = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{folder / 'campo.sqlite3'}"
    database = Database(url)
    database.upgrade()
    config = Config()
    config.DATABASE_URL = url
    config.INSTANCE_DIR = folder
    with database.transaction() as session:
        load_demo(session, password=PASSWORD, state_code=config.STATE_CODE, today=state_today())
    app = create_app(config)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request in the report
    faults = FailingMiddleware(app.wsgi_app)
    app.wsgi_app = faults  # type: ignore[method-assign]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LiveServer(f"http://127.0.0.1:{server.server_port}", database, faults)
    server.shutdown()
    thread.join(5)
    server.server_close()
    app.extensions["campo.db"].engine.dispose()
    database.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """Make browser contexts (a fresh profile each) and close them after the test."""
    contexts: list[Any] = []

    def make(size: str = "1024x768", **options: Any) -> Any:
        width, height = SIZES.get(size, (1024, 768))
        context = browser.new_context(
            viewport={"width": width, "height": height},
            locale=options.pop("locale", "en-US"),
            # Screenshots and the accessibility scan inject a style and a script; the app's own
            # policy is checked with it enforced in test_csp.py.
            bypass_csp=options.pop("bypass_csp", True),
            **options,
        )
        context.set_default_timeout(15000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def watch(page: Any) -> list[str]:
    """Collect the page's uncaught errors (a test asserts there were none)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


# A full-page picture would show the sticky bars in the middle of the page.
UNSTICK = ".topbar, .wizard-nav { position: relative !important; } .toasts { display: none; }"


def shoot(page: Any, size: str, name: str) -> None:
    folder = ARTIFACTS / size
    folder.mkdir(parents=True, exist_ok=True)
    style = page.add_style_tag(content=UNSTICK)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    style.evaluate("(element) => element.remove()")


def days_ago(days: int) -> str:
    return (state_today() - timedelta(days=days)).isoformat()


PIN = "482916"


def sign_in(page: Any, url: str, username: str = "recruiter1", *, pin: str = PIN) -> None:
    """Sign in online and, on a tablet that has no PIN for this user yet, choose one."""
    page.goto(url + "/")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("form.login-form button[type=submit]")
    signed_in = "main.screen:not(.screen-login):not(.screen-pin):not(.screen-unlock)"
    page.wait_for_selector(f"{signed_in}, #new-pin")
    if page.locator("#new-pin").count():
        page.fill("#new-pin", pin)
        page.fill("#new-pin-again", pin)
        page.click("#save-pin")
        page.wait_for_selector(signed_in)


def unlock(page: Any, pin: str = PIN) -> None:
    page.wait_for_selector("#pin")
    page.fill("#pin", pin)
    page.click("#unlock")
    page.wait_for_selector("#pin", state="detached")


SW_STATE = """async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) return "no registration";
    const state = (worker) => (worker ? worker.state : "none");
    const controlled = Boolean(navigator.serviceWorker.controller);
    return `installing ${state(registration.installing)}, waiting ${state(registration.waiting)}, `
        + `active ${state(registration.active)}, controller ${controlled}`;
}"""


def wait_for_service_worker(page: Any) -> None:
    # Installing precaches the whole shell; on a busy 2-core machine that once took over 15 s.
    try:
        page.wait_for_function(
            "navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=60000
        )
    except Exception as error:  # say what the worker was doing, then fail
        raise AssertionError(
            f"no service worker took control: {page.evaluate(SW_STATE)}"
        ) from error


def zigzag_strokes(width: int = 600, height: int = 200) -> dict[str, Any]:
    """A signature-like stroke in the API's format: a wave across the pad."""
    points = []
    for step in range(40):
        x = 40 + step * 12
        y = height / 2 + (40 if step % 4 < 2 else -40) * (1 - step / 80)
        points.append({"x": x, "y": round(y, 1), "time": 1_700_000_000_000 + step * 16})
    return {"width": width, "height": height, "strokes": [points]}


def queued_entry(owner: int, coe_id: str) -> dict[str, Any]:
    """A complete, signed COE as the tablet's outbox holds it, ready to be sent."""
    qad = days_ago(45)
    answers = {
        "family": {
            "parent1_last_name": "Reyes",
            "parent1_first_name": "Lucía",
            "address": "4 Rancho Verde",
            "city": "Gonzales",
            "state": "CA",
            "zip_code": "93926",
            "home_language": "es",
        },
        "children": [
            {
                "last_name1": "Reyes",
                "first_name": "Tomás",
                "sex": "male",
                "birth_date": "2016-05-02",
                "multiple_birth": False,
                "birth_date_verification": "1007",
                "residency_date": qad,
                "graduated": False,
                "grade": "04",
            }
        ],
        "move": {
            "from_city": "Yuma",
            "from_state": "AZ",
            "from_district": "Yuma Elementary",
            "to_city": "Gonzales",
            "to_state": "CA",
            "to_district": "Gonzales Unified",
            "district_exception": "none",
            "moved_how": "with_worker",
            "worker_first_name": "Lucía",
            "worker_last_name": "Reyes",
            "worker_relationship": "parent",
            "qualifying_arrival_date": qad,
            "economic_necessity": True,
            "work_outcome": "engaged",
            "work_description": "picking strawberries",
            "employment": "seasonal",
            "work_type": "agricultural",
            "work_for": "wages",
        },
        "comments": {},
        "interview": {
            "interviewee_name": "Lucía Reyes",
            "interviewee_relationship": "parent",
            "interview_date": state_today().isoformat(),
        },
    }
    signature = {"strokes": zigzag_strokes(), "signed_at": None}
    entry = {
        "id": coe_id,
        "owner": owner,
        "created_at": 0,
        "updated_at": 0,
        "form_version": "1.1",
        "language": "en",
        "answers": answers,
        "signatures": {
            "interviewee": {**signature, "signer_name": "Lucía Reyes"},
            "recruiter": {**signature, "signer_name": None},
        },
        "matches": {},
        "base_version": None,
        "server_version": None,
        "state": "queued",
        "stage": "put",
        "attempts": 0,
        "queued_at": 0,
        "family_name": "Lucía Reyes",
    }
    return entry
