"""deploy/nginx.conf as the multi-server test runs it: loopback ports, temporary folders, a self-signed certificate.

The production file is the source: every location, header and limit in it is what the test serves through. Only the
lines that name this machine change (app servers, listen ports, host name, certificate, folders), each replaced where
the production file has it; a replacement that finds nothing stops the test, so the file and the test cannot drift
apart. Two additions for the test: `X-Portal-Server` (the app server that answered, from `$upstream_addr`) on every
proxied response, and `Host` with the listen port (the production file listens on 443, where the port is implied).

    python deploy/nginx_test_conf.py DIR --app 127.0.0.1:18101 --app 127.0.0.1:18102 --https-port 18443 \\
        --http-port 18080 --static STATIC_ROOT --media MEDIA_ROOT --cert cert.pem --key key.pem

writes DIR/nginx.conf (the main file: pid, logs and temporary files under DIR, no daemon) and DIR/portal.conf.
"""

import argparse
import re
from pathlib import Path

PRODUCTION_CONF = Path(__file__).resolve().with_name("nginx.conf")


class ConfDrift(ValueError):
    """deploy/nginx.conf no longer has a line the test replaces."""


def _replace(text: str, pattern: str, replacement: str, what: str) -> str:
    result, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    if not count:
        raise ConfDrift(f"deploy/nginx.conf has no {what} (pattern {pattern!r}): update deploy/nginx_test_conf.py with it")
    return result


def render_site(text: str, *, apps: list[str], https_port: int, http_port: int, static_root: str, media_root: str,
                certificate: str, key: str) -> str:
    """The production site file with this machine's app servers, ports, folders and certificate."""
    if not apps:
        raise ValueError("at least one app server")
    text = _replace(text, r"^(\s*)server \d+\.\d+\.\d+\.\d+:\d+ (.*);\n(?:\s*server \d+\.\d+\.\d+\.\d+:\d+ .*;\n)*",
                    lambda match: "".join(f"{match.group(1)}server {app} {match.group(2)};\n" for app in apps),
                    "upstream server lines")
    text = _replace(text, r"^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{http_port};", "listen 80")
    text = _replace(text, r"^(\s*)listen 443 (ssl.*);$", rf"\g<1>listen 127.0.0.1:{https_port} \g<2>;", "listen 443 ssl")
    text = _replace(text, r"^\s*listen \[::\]:\d+.*;\n", "", "IPv6 listen lines")
    text = _replace(text, r"^(\s*)server_name \S+;$", r"\g<1>server_name 127.0.0.1 localhost;", "server_name")
    text = _replace(text, r"^(\s*)ssl_certificate \S+;$", lambda m: f"{m.group(1)}ssl_certificate {certificate};", "ssl_certificate")
    text = _replace(text, r"^(\s*)ssl_certificate_key \S+;$", lambda m: f"{m.group(1)}ssl_certificate_key {key};", "ssl_certificate_key")
    text = _replace(text, r"alias /srv/portal/var/static/;", lambda m: f"alias {static_root.rstrip('/')}/;", "static alias")
    text = _replace(text, r"alias /srv/portal/var/media/;", lambda m: f"alias {media_root.rstrip('/')}/;", "media alias")
    text = _replace(text, r"^(\s*)proxy_set_header Host \$host;$", r"\g<1>proxy_set_header Host $host:$server_port;", "Host header")
    text = _replace(text, r"^(\s*)proxy_pass http://portal_app;$",
                    r"\g<0>\n\g<1>add_header X-Portal-Server $upstream_addr always;", "proxy_pass")
    return text


def render_main(folder: str, site_file: str) -> str:
    """A main nginx.conf for a non-root or throwaway nginx: everything it writes stays under ``folder``."""
    folder = folder.rstrip("/")
    return f"""# Written by deploy/nginx_test_conf.py for the multi-server test.
worker_processes 1;
daemon off;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;

events {{
    worker_connections 512;
}}

http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    server_tokens off;
    log_format portal '$remote_addr "$request" $status $body_bytes_sent upstream=$upstream_addr';
    access_log {folder}/access.log portal;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {site_file};
}}
"""


def write(folder: Path, **options) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    site = folder / "portal.conf"
    site.write_text(render_site(PRODUCTION_CONF.read_text(), **options))
    main = folder / "nginx.conf"
    main.write_text(render_main(str(folder), str(site)))
    return main


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--app", action="append", required=True, help="HOST:PORT of an app server (repeat)")
    parser.add_argument("--https-port", type=int, required=True)
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--static", required=True)
    parser.add_argument("--media", required=True)
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    args = parser.parse_args(argv)
    print(write(args.folder.resolve(), apps=args.app, https_port=args.https_port, http_port=args.http_port,
                static_root=args.static, media_root=args.media, certificate=args.cert, key=args.key))


if __name__ == "__main__":
    main()
