"""Real HTTP through the test's nginx: which app server answered each request, and steering to a given one.

nginx (deploy/nginx.conf as rendered by deploy/nginx_test_conf.py: one worker process, plain round robin) hands
proxied requests to the app servers in turn and names the one that answered in `X-Portal-Server`. `Balancer`
checks that every proxied response came from the other server than the one before it, and `on="A"` / `on="B"`
sends a cheap request first when the turn is the other server's, so a flow can say where each of its steps runs.
Files nginx serves itself (/static/, /media/) carry no such header and do not take a turn.
"""

import re
import time
from urllib.parse import urljoin, urlsplit

import requests
from bs4 import BeautifulSoup


class FlowFailed(AssertionError):
    pass


def check(condition, message: str) -> None:
    if not condition:
        raise FlowFailed(message)


class Balancer:
    def __init__(self, base: str, ca: str, servers: list[str]):
        self.base = base.rstrip("/")
        self.ca = ca
        self.names = {"A": servers[0], "B": servers[1]}
        self.last: str | None = None  # the address of the server that answered the last proxied request
        self.answered = {"A": 0, "B": 0}

    def session(self) -> requests.Session:
        session = requests.Session()
        session.verify = self.ca  # (requests prefers REQUESTS_CA_BUNDLE to this: each request names it again)
        session.headers["User-Agent"] = "portal-multiserver-test"
        return session

    def name_of(self, address: str | None) -> str | None:
        return next((name for name, value in self.names.items() if value == address), None)

    def _turn(self) -> str | None:
        """The server nginx's round robin picks next (None before the first proxied request)."""
        if self.last is None:
            return None
        return "B" if self.name_of(self.last) == "A" else "A"

    def _record(self, response: requests.Response, what: str) -> None:
        address = response.headers.get("X-Portal-Server")
        if address is None:
            return
        name = self.name_of(address)
        check(name is not None, f"{what}: answered by {address}, not one of the app servers {self.names}")
        check(address != self.last, f"{what}: {name} answered twice in a row: round robin does not alternate")
        self.last = address
        self.answered[name] += 1

    def request(self, session: requests.Session, method: str, path: str, *, on: str | None = None,
                status: int | tuple[int, ...] | None = None, **kwargs) -> requests.Response:
        url = path if path.startswith("http") else self.base + path
        for _ in range(2):
            if on is None or self._turn() == on:
                break
            self._record(self.session().get(self.base + "/robots.txt", timeout=60, verify=self.ca), "steering request")
        headers = kwargs.pop("headers", {}) or {}
        if method.upper() not in ("GET", "HEAD"):
            # A browser's form post names its origin; Django's CSRF check over HTTPS needs it (or a Referer).
            headers.setdefault("Origin", self.base)
            headers.setdefault("Referer", url)
        response = session.request(method, url, headers=headers, allow_redirects=False, timeout=120,
                                   verify=self.ca, **kwargs)
        what = f"{method} {urlsplit(url).path}"
        self._record(response, what)
        if on is not None:
            check(self.name_of(response.headers.get("X-Portal-Server")) == on,
                  f"{what}: expected server {on}, answered by {response.headers.get('X-Portal-Server')}")
        if status is not None:
            wanted = (status,) if isinstance(status, int) else status
            check(response.status_code in wanted,
                  f"{what} on {on or 'any'}: status {response.status_code}, expected {wanted}: {excerpt(response)}")
        return response

    def get(self, session, path, **kwargs):
        return self.request(session, "GET", path, **kwargs)

    def post(self, session, path, **kwargs):
        return self.request(session, "POST", path, **kwargs)

    def absolute(self, location: str, current: str = "/") -> str:
        return urljoin(current if current.startswith("http") else self.base + current, location)


def excerpt(response: requests.Response, length: int = 300) -> str:
    if "html" in response.headers.get("Content-Type", ""):
        soup = BeautifulSoup(response.text, "html.parser")
        messages = [node.get_text(" ", strip=True) for node in soup.select(".messages, .error-message, .help-critical, [role=alert], .w-field__errors")]
        text = " | ".join(message for message in messages if message) or soup.get_text(" ", strip=True)
        return re.sub(r"\s+", " ", text)[:length]
    return response.text[:length]


def form_fields(html: str, *, selector: str = "form", contains: str | None = None) -> tuple[str | None, dict]:
    """The action and the values a browser would send for the first matching form (no submit buttons, no files,
    no unchecked boxes)."""
    soup = BeautifulSoup(html, "html.parser")
    forms = [form for form in soup.select(selector) if contains is None or contains in str(form)]
    check(forms, f"no form {selector!r}{' with ' + contains if contains else ''} on the page")
    form = forms[0]
    values: dict[str, str | list[str]] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "input":
            kind = (field.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset") or (kind in ("checkbox", "radio") and not field.has_attr("checked")):
                continue
            value = field.get("value", "on" if kind in ("checkbox", "radio") else "")
        elif field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            if field.has_attr("multiple"):
                values[name] = [option.get("value", option.get_text()) for option in field.select("option[selected]")]
                continue
            value = chosen[0].get("value", chosen[0].get_text()) if chosen else ""
        else:
            value = field.get_text()
        values[name] = value
    return form.get("action"), values


def wait_until(predicate, *, seconds: float, every: float = 0.5, what: str) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if predicate():
                return
        except requests.RequestException:
            pass
        if time.monotonic() > deadline:
            raise FlowFailed(f"{what}: not ready after {seconds:.0f} s")
        time.sleep(every)
