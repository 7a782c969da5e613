"""Logging: one line per request error with the request id, the traceback after it, all on stderr; the request id
from a sane X-Request-ID or a new one; errors to Sentry when SENTRY_DSN is set."""

import gzip
import io
import json
import logging
import os
import subprocess
import sys
import threading
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from django.urls import path

from portal.logs import RequestLineFormatter

ROOT = Path(__file__).resolve().parents[2]
HEX = "0123456789abcdef"


def boom(request):
    raise RuntimeError("boom in a view")


urlpatterns = [path("boom/", boom)]  # this module is the URLconf of the tests that need an error (never production's)


@pytest.fixture
def stderr_lines():
    """What the portal's own stderr handler writes during the test (its stream swapped for a buffer)."""
    handler = next(handler for handler in logging.getLogger().handlers if isinstance(handler.formatter, RequestLineFormatter))
    assert type(handler) is logging.StreamHandler  # sys.stderr, as the server process shows below
    buffer = io.StringIO()
    previous = handler.setStream(buffer)
    yield lambda: buffer.getvalue().splitlines()
    handler.setStream(previous)


@pytest.mark.urls(__name__)
def test_a_500_is_one_line_with_the_request_id_then_the_traceback(client, stderr_lines, caplog):
    client.raise_request_exception = False
    request_id = uuid.uuid4().hex
    response = client.get("/boom/", HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 500
    assert response["X-Request-ID"] == request_id
    lines = stderr_lines()
    summary = [line for line in lines if "request_id=" in line]
    assert len(summary) == 1
    assert summary[0].endswith(f" ERROR django.request request_id={request_id} GET /boom/ 500 Internal Server Error")
    assert lines[lines.index(summary[0]) + 1] == "Traceback (most recent call last):"
    assert lines[-1] == "RuntimeError: boom in a view"
    assert len([record for record in caplog.records if record.name == "django.request"]) == 1


@pytest.mark.django_db
def test_a_404_is_one_line_and_a_forged_newline_in_the_path_stays_on_it(client, stderr_lines):
    response = client.get("/kk/no-such-page%0A2026-01-01 ERROR forged/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32 and set(request_id) <= set(HEX)  # generated: none was sent
    lines = stderr_lines()
    assert lines == [line for line in lines if "request_id=" in line] and len(lines) == 1
    assert lines[0].endswith(f"WARNING django.request request_id={request_id} GET /kk/no-such-page\\n2026-01-01 ERROR forged/ 404 Not Found")


@pytest.mark.parametrize(
    "incoming",
    [
        "x" * 300,  # too long
        "abc\x01def",  # control character
        "1; DROP TABLE",  # not an id at all
        "0123456789abcdef0123456789abcde",  # 31 hex digits
        "6f1c2e4a-zzzz-4b1c-9e4f-2a5b6c7d8e9f",
    ],
)
@pytest.mark.django_db
def test_a_bogus_incoming_request_id_is_replaced(client, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    returned = response["X-Request-ID"]
    assert returned != incoming and len(returned) == 32 and set(returned) <= set(HEX)


@pytest.mark.django_db
def test_a_uuid_from_the_load_balancer_is_kept_and_each_request_gets_its_own(client):
    sent = str(uuid.uuid4())
    assert client.get("/healthz", HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent
    assert client.get("/healthz")["X-Request-ID"] != client.get("/healthz")["X-Request-ID"]


def test_the_formatter_says_dash_outside_a_request():
    record = logging.LogRecord("portal", logging.WARNING, __file__, 1, "plain %s", ("message",), None)
    assert RequestLineFormatter().format(record).endswith(" WARNING portal request_id=- plain message")


class SentryIntake(BaseHTTPRequestHandler):
    """Stands in for Sentry's intake on a loopback port: keeps the envelopes it is sent."""

    envelopes: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        body = gzip.decompress(body) if encoding == "gzip" else zlib.decompress(body) if encoding == "deflate" else body
        SentryIntake.envelopes.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


SERVER_ERROR = """
import django
django.setup()
from django.test import Client, override_settings
with override_settings(ROOT_URLCONF="tests.portal.test_logging"):
    response = Client(raise_request_exception=False).get("/boom/", HTTP_X_REQUEST_ID="{request_id}")
print("status", response.status_code, response["X-Request-ID"])
import sentry_sdk
sentry_sdk.flush(timeout=10)
"""


def _python(code: str, **env_overrides) -> subprocess.CompletedProcess:
    drop = {"SENTRY_DSN", "SENTRY_ENVIRONMENT", "SENTRY_TRACES_SAMPLE_RATE", "LOG_LEVEL", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {name: value for name, value in os.environ.items() if name not in drop}
    env.update({"DJANGO_SETTINGS_MODULE": "portal.settings.test", **env_overrides})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_a_server_process_writes_the_error_to_stderr_and_sends_it_to_sentry():
    pytest.importorskip("sentry_sdk", reason="the sentry extra is not installed")
    SentryIntake.envelopes = []
    server = HTTPServer(("127.0.0.1", 0), SentryIntake)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        request_id = uuid.uuid4().hex
        dsn = f"http://publickey@127.0.0.1:{server.server_port}/1"
        result = _python(SERVER_ERROR.replace("{request_id}", request_id), SENTRY_DSN=dsn, SENTRY_ENVIRONMENT="test-dc")
    finally:
        server.shutdown()
        server.server_close()
    assert result.returncode == 0, result.stderr
    assert f"status 500 {request_id}" in result.stdout
    assert "Traceback" not in result.stdout and "request_id=" not in result.stdout
    summary = [line for line in result.stderr.splitlines() if "request_id=" in line]
    assert summary == [line for line in summary if line.endswith(f"ERROR django.request request_id={request_id} GET /boom/ 500 Internal Server Error")]
    assert len(summary) == 1
    assert "Traceback (most recent call last):" in result.stderr and "RuntimeError: boom in a view" in result.stderr
    events = [json.loads(line) for envelope in SentryIntake.envelopes for line in envelope.splitlines() if line.startswith(b'{"') and b'"exception"' in line]
    assert events, SentryIntake.envelopes
    event = events[0]
    assert event["tags"]["request_id"] == request_id
    assert event["environment"] == "test-dc"
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"


def test_a_sentry_dsn_without_the_extra_stops_the_start_with_a_clear_error():
    result = _python("import sys; sys.modules['sentry_sdk'] = None\nimport django; django.setup()", SENTRY_DSN="http://k@127.0.0.1:9/1")
    assert result.returncode != 0
    assert "SENTRY_DSN is set but sentry-sdk is not installed" in result.stderr


def test_a_bad_log_level_stops_the_start():
    result = _python("import django; django.setup()", LOG_LEVEL="LOUD")
    assert result.returncode != 0 and "LOG_LEVEL must be" in result.stderr


@pytest.mark.django_db
def test_a_page_from_the_page_cache_carries_its_own_request_id(client, settings, home_pages):
    settings.PORTAL_PAGE_CACHE = True
    first, second = client.get("/kk/"), client.get("/kk/")
    assert (first.status_code, second.status_code) == (200, 200)
    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("miss", "hit")
    assert first["X-Request-ID"] != second["X-Request-ID"]
