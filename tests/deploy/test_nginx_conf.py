"""deploy/nginx.conf, the production example, and the variant of it the multi-server test runs (deploy/nginx_test_conf.py)."""

import importlib.util
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

from content_models.books.importing import MAX_FILE_BYTES
from content_models.holdings.parsing import MAX_BYTES as HOLDINGS_MAX_BYTES

ROOT = Path(__file__).resolve().parents[2]
NGINX = Path("/usr/sbin/nginx")
_spec = importlib.util.spec_from_file_location("nginx_test_conf", ROOT / "deploy" / "nginx_test_conf.py")
conf = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(conf)

PRODUCTION = conf.PRODUCTION_CONF.read_text()
OPTIONS = {
    "apps": ["127.0.0.1:18101", "127.0.0.1:18102"], "https_port": 18443, "http_port": 18080,
    "static_root": "/tmp/t/static", "media_root": "/tmp/t/media/", "certificate": "/tmp/t/cert.pem", "key": "/tmp/t/key.pem",
}


def _megabytes(directive: str) -> list[int]:
    return [int(size) * 1024 * 1024 for size in re.findall(rf"^\s*{directive} (\d+)m;", PRODUCTION, re.M)]


def test_the_body_limits_take_the_largest_upload_of_each_kind():
    outside_admin, admin = _megabytes("client_max_body_size")
    assert outside_admin >= max(HOLDINGS_MAX_BYTES, MAX_FILE_BYTES)
    assert admin >= max(settings.PORTAL_VIDEO_MAX_UPLOAD_SIZE, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    assert admin < 2 * settings.PORTAL_VIDEO_MAX_UPLOAD_SIZE  # not unlimited


def test_the_proxy_sends_what_the_production_settings_read():
    production = (ROOT / "portal" / "settings" / "production.py").read_text()
    assert 'SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")' in production
    assert PRODUCTION.count("proxy_set_header X-Forwarded-Proto $scheme;") == 2
    assert PRODUCTION.count("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;") == 2
    assert "$http_host" not in PRODUCTION.split("proxy_set_header Host", 1)[1].split("\n", 1)[0]


def test_the_test_variant_replaces_every_production_address_and_names_the_server():
    text = conf.render_site(PRODUCTION, **OPTIONS)
    directives = re.sub(r"#.*", "", text)
    assert not re.search(r"10\.0\.0\.|/srv/portal|letsencrypt|kitaphana\.example\.kz|listen (80|443)\b|\[::\]", directives)
    assert re.findall(r"^\s*server (127\.0\.0\.1:\d+) ", text, re.M) == OPTIONS["apps"]
    assert "alias /tmp/t/static/;" in text and "alias /tmp/t/media/;" in text
    assert "listen 127.0.0.1:18443 ssl http2;" in text and "listen 127.0.0.1:18080;" in text
    assert text.count("proxy_pass http://portal_app;") == text.count("add_header X-Portal-Server $upstream_addr always;") == 2
    assert text.count("proxy_set_header Host $host:$server_port;") == 2
    # Everything else is the production file's: the same locations, cache headers and limits.
    production = re.sub(r"#.*", "", PRODUCTION)
    for kept in (r"location [^{]+\{", r"(?:expires|Cache-Control|client_max_body_size|gzip\w*|proxy_\w+_timeout) [^;]+;"):
        assert re.findall(kept, directives) == re.findall(kept, production)


@pytest.mark.parametrize("line", ["server 10.0.0.", "listen 443 ssl", "alias /srv/portal/var/media/;", "proxy_pass http://portal_app;"])
def test_a_production_file_the_test_cannot_follow_stops_it(line):
    drifted = PRODUCTION.replace(line, "# " + line.replace(" ", "_"))
    with pytest.raises(conf.ConfDrift):
        conf.render_site(drifted, **OPTIONS)
    with pytest.raises(ValueError):
        conf.render_site(PRODUCTION, **{**OPTIONS, "apps": []})


@pytest.mark.skipif(not NGINX.exists() or not shutil.which("openssl"), reason="needs Debian's nginx and openssl")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")], check=True, capture_output=True)
    main = conf.write(tmp_path / "nginx", **{**OPTIONS, "certificate": str(tmp_path / "cert.pem"), "key": str(tmp_path / "key.pem"),
                                              "static_root": str(tmp_path), "media_root": str(tmp_path)})
    assert f"pid {tmp_path}/nginx/nginx.pid;" in main.read_text() and "daemon off;" in main.read_text()
    result = subprocess.run([str(NGINX), "-t", "-p", str(main.parent), "-c", str(main), "-e", str(main.parent / "error.log")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
