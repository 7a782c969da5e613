"""A stand-in for an Elasticsearch server on a loopback port, for the tests of failures and rebuilds that
must run without one: the real client talks HTTP to it. It records every request and answers in one of
several manners: like a working server for index management and bulk writes ("ok"), with an error status
("error": 500/503 with Elasticsearch's error body), with a proxy's HTML page ("garbage"), with JSON of the
wrong shape ("odd"), or after a delay longer than the client waits ("slow").
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

PRODUCT = {"X-Elastic-Product": "Elasticsearch", "Content-Type": "application/json"}


@dataclass
class Request:
    method: str
    path: str
    body: bytes

    def bulk_actions(self) -> list[tuple[dict, dict | None]]:
        """(action, source) pairs of a _bulk request body."""
        lines = [json.loads(line) for line in self.body.decode().splitlines() if line.strip()]
        out, index = [], 0
        while index < len(lines):
            action = lines[index]
            (op, meta), = action.items()
            if op == "delete":
                out.append(({"op": op, **meta}, None))
                index += 1
            else:
                out.append(({"op": op, **meta}, lines[index + 1]))
                index += 2
        return out


class FakeElasticsearch:
    def __init__(self, mode: str = "ok", status: int = 503, delay: float = 0.0):
        self.mode, self.status, self.delay = mode, status, delay
        self.requests: list[Request] = []
        self.aliases: dict[str, set[str]] = {}
        self.indices: set[str] = set()
        self.fail_bulk_into: set[str] = set()  # concrete indices whose bulk writes answer 503
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = Request(self.command, urlsplit(self.path).path, body)
                with fake.lock:
                    fake.requests.append(request)
                status, headers, payload = fake.respond(request)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------------ answers
    def respond(self, request: Request):
        if self.mode == "slow":
            time.sleep(self.delay)
            return 200, PRODUCT, b"{}"
        if self.mode == "error":
            error = {"error": {"type": "unavailable_shards_exception", "reason": "the node is starting"}, "status": self.status}
            return self.status, PRODUCT, json.dumps(error).encode()
        if self.mode == "garbage":
            return 200, {"Content-Type": "text/html"}, b"<html><body>502 Bad Gateway</body></html>"
        if self.mode == "odd":
            return 200, PRODUCT, b'{"took": 1, "shards": []}'
        return self._like_a_server(request)

    def _json(self, data, status=200):
        return status, PRODUCT, json.dumps(data).encode()

    def _like_a_server(self, request: Request):
        parts = [unquote(part) for part in request.path.strip("/").split("/") if part]
        method = request.method
        with self.lock:
            if parts[:1] == ["_alias"] and len(parts) == 2:
                holders = sorted(self.aliases.get(parts[1], ()))
                if not holders:
                    return self._json({"error": "alias missing", "status": 404}, 404)
                return self._json({index: {"aliases": {parts[1]: {}}} for index in holders})
            if parts == ["_aliases"] and method == "POST":
                for action in json.loads(request.body)["actions"]:
                    (op, spec), = action.items()
                    names = self.aliases.setdefault(spec["alias"], set())
                    (names.add if op == "add" else names.discard)(spec["index"])
                return self._json({"acknowledged": True})
            if parts == ["_bulk"] or parts[-1:] == ["_bulk"]:
                return self._bulk(request)
            if parts[-1:] == ["_refresh"]:
                return self._json({"_shards": {"total": 1, "successful": 1, "failed": 0}})
            if len(parts) == 1 and method == "PUT":
                self.indices.add(parts[0])
                for alias in (json.loads(request.body or b"{}").get("aliases") or {}):
                    self.aliases.setdefault(alias, set()).add(parts[0])
                return self._json({"acknowledged": True, "index": parts[0]})
            if len(parts) == 1 and method == "DELETE":
                self.indices.discard(parts[0])
                for names in self.aliases.values():
                    names.discard(parts[0])
                return self._json({"acknowledged": True})
        return self._json({"error": f"not understood: {method} {request.path}", "status": 400}, 400)

    def _bulk(self, request: Request):
        items, errors = [], False
        for action, _source in request.bulk_actions():
            failed = self._index_of(action["_index"]) & self.fail_bulk_into
            status = 503 if failed else 200
            errors = errors or failed
            item = {"_index": action["_index"], "_id": action["_id"], "status": status}
            if failed:
                item["error"] = {"type": "unavailable_shards_exception", "reason": "primary shard is not active"}
            items.append({action["op"]: item})
        return self._json({"took": 1, "errors": bool(errors), "items": items})

    def _index_of(self, name: str) -> set[str]:
        return set(self.aliases.get(name) or {name})

    # ------------------------------------------------------------------ what was asked
    def bulk_actions(self, index: str | None = None) -> list[tuple[dict, dict | None]]:
        """Every action of every bulk request, in order (only those into ``index`` when given)."""
        out = []
        for request in list(self.requests):
            if request.path.endswith("/_bulk"):
                out += [pair for pair in request.bulk_actions() if index is None or pair[0]["_index"] == index]
        return out
