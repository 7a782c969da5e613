"""The flows of deploy/multiserver_test.sh: real HTTP through nginx to two app servers, A and B, step by step.

    multiserver_flows.py make-editor   # (Django set up from the environment) an Editors user and an API token, as JSON
    multiserver_flows.py run --base https://127.0.0.1:PORT --ca cert.pem --servers HOST:PORT,HOST:PORT ...

Every flow runs even when an earlier one failed; each prints PASS or FAIL with the step that failed, and the run
exits non-zero when any failed. See docs/deployment.md, "Several app servers".
"""

import argparse
import csv
import io
import json
import re
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bs4 import BeautifulSoup
from multiserver_http import Balancer, FlowFailed, check, excerpt, form_fields

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_LIST = ROOT / "content_models" / "demo" / "data" / "recommended-sample.csv"
VIDEO = ROOT / "content_models" / "demo" / "assets" / "collection-forming.mp4"
IMAGE = ROOT / "content_models" / "demo" / "assets" / "reading-festival-poster.jpg"
HOLDINGS = "Атауы;Авторы;Дана саны\r\nАбай жолы. 1-кітап;Әуезов М.;2\r\nМаленький принц;Сент-Экзюпери А.;5\r\nФизика. 7 сынып;Башарұлы Р.;30\r\n"
PUBLISH_WINDOW = 1.0  # seconds within which both servers serve the published page


class Run:
    def __init__(self, args):
        self.lb = Balancer(args.base, args.ca, args.servers.split(","))
        self.http = args.http
        self.editor = json.loads(Path(args.editor).read_text())
        self.media_root = Path(args.media_root)
        self.var_dirs = [Path(folder) for folder in args.var_dirs.split(",")]
        self.admin = self.lb.session()
        self.tag = secrets.token_hex(3)
        self.step = ""
        self.results: list[tuple[str, str, float]] = []
        self.published_title = ""
        self.imported_title = ""

    def flow(self, name, function) -> None:
        started = time.monotonic()
        self.step = "start"
        try:
            function()
        except FlowFailed as failure:
            self.results.append((name, f"FAIL at step “{self.step}”: {failure}", time.monotonic() - started))
        except Exception as error:  # a crash of the driver or the network is a failure of that flow too
            self.results.append((name, f"FAIL at step “{self.step}”: {type(error).__name__}: {error}", time.monotonic() - started))
        else:
            self.results.append((name, "PASS", time.monotonic() - started))
        _, result, seconds = self.results[-1]
        print(f"{'PASS' if result == 'PASS' else 'FAIL'}  {name} ({seconds:.1f} s){'' if result == 'PASS' else ': ' + result}", flush=True)

    # --- the flows ---------------------------------------------------------------------------------------------

    def front(self) -> None:
        lb, anonymous = self.lb, self.lb.session()
        self.step = "plain HTTP redirects to HTTPS"
        response = anonymous.get(self.http + "/en/", allow_redirects=False, timeout=30)
        check(response.status_code == 301 and response.headers["Location"].startswith("https://"), f"{response.status_code} {response.headers.get('Location')}")
        self.step = "a page answers on both servers"
        for server in ("A", "B"):
            page = lb.get(anonymous, "/en/", on=server, status=200)
            check("text/html" in page.headers["Content-Type"], page.headers["Content-Type"])
        self.step = "static files: hashed names cached for a year, gzip"
        css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page.text)
        check(css, "no hashed stylesheet link on the home page")
        response = lb.get(anonymous, css.group(1), status=200, headers={"Accept-Encoding": "gzip"})
        check("X-Portal-Server" not in response.headers, "a static file went to an app server, not nginx")
        check("max-age=31536000" in response.headers.get("Cache-Control", ""), response.headers.get("Cache-Control"))
        check(response.headers.get("Content-Encoding") == "gzip", f"Content-Encoding {response.headers.get('Content-Encoding')}")
        self.step = "a body over the limit outside the admin is refused by nginx (413)"
        response = lb.post(anonymous, "/en/holdings-check/", data=b"x" * (13 * 1024 * 1024), status=413,
                           headers={"Content-Type": "application/octet-stream"})
        check("X-Portal-Server" not in response.headers, "the oversized body reached an app server")

    def login(self) -> None:
        lb = self.lb
        self.step = "login form on A"
        page = lb.get(self.admin, "/admin/login/", on="A", status=200)
        _, fields = form_fields(page.text, selector="form.login-form")
        fields.update(username=self.editor["admin_user"], password=self.editor["admin_password"])
        self.step = "login posted to B"
        lb.post(self.admin, "/admin/login/", on="B", data=fields, status=302)
        self.step = "the dashboard on A knows the session"
        dashboard = lb.get(self.admin, "/admin/", on="A", status=200)
        check("login-form" not in dashboard.text, "the dashboard shows the login form")

    def holdings(self) -> None:
        lb, librarian = self.lb, self.lb.session()
        page = "/en/holdings-check/"
        self.step = "1. upload form on A"
        form = lb.get(librarian, page, on="A", status=200)
        _, fields = form_fields(form.text, selector="form[enctype]")
        self.step = "1. file posted to B"
        response = lb.post(librarian, page, on="B", data=fields, files={"file": ("holdings.csv", HOLDINGS.encode(), "text/csv")}, status=302)
        columns_url = lb.absolute(response.headers["Location"], page)
        check(columns_url.endswith("/columns/"), columns_url)
        self.step = "2. columns on A"
        columns = lb.get(librarian, columns_url, on="A", status=200)
        _, fields = form_fields(columns.text, selector="form", contains='name="title"')
        self.step = "2. columns posted to B"
        response = lb.post(librarian, columns_url, on="B", data=fields, status=302)
        report_url = lb.absolute(response.headers["Location"], page)
        check(report_url.endswith("/report/"), report_url)
        self.step = "3. report on A"
        report = lb.get(librarian, report_url, on="A", status=200)
        check("holdings-figure" in report.text, "no coverage figure in the report")
        self.step = "saving the report on B"
        action, fields = form_fields(report.text, selector="form", contains="/report/save/")
        response = lb.post(librarian, lb.absolute(action, report_url), on="B", data=fields, status=302)
        saved_url = lb.absolute(response.headers["Location"], page)
        check("/saved/" in saved_url, saved_url)
        self.step = "the private link on A and on B (another browser)"
        for server in ("A", "B"):
            saved = lb.get(lb.session(), saved_url, on=server, status=200)
            check("holdings-figure" in saved.text, f"the saved report on {server} shows no coverage")
            check("no-store" in saved.headers.get("Cache-Control", ""), saved.headers.get("Cache-Control"))

    def book_import(self) -> None:
        lb, url = self.lb, "/admin/book-list/import/"
        with SAMPLE_LIST.open(encoding="utf-8") as source:
            rows = list(csv.DictReader(source))
        row = dict(rows[0])
        row["list_no"] = str(max(int(item["list_no"]) for item in rows) + 1)
        title = f"Multiserver Reading {self.tag}"
        row.update(title_kk=f"Көп сервер кітабы {self.tag}", title_ru=f"Книга многих серверов {self.tag}", title_en=title)
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerow(row)
        self.step = "import form on B"
        form = lb.get(self.admin, url, on="B", status=200)
        _, fields = form_fields(form.text, selector="form[enctype]")
        fields["edition"] = "2026"
        self.step = "preview on A"
        preview = lb.post(self.admin, url, on="A", data=fields, files={"file": ("list.csv", buffer.getvalue().encode(), "text/csv")}, status=200)
        check(title in preview.text or row["title_kk"] in preview.text, f"the preview does not show the new title: {excerpt(preview)}")
        _, confirm = form_fields(preview.text, selector="form", contains='name="token"')
        confirm["confirm"] = "1"
        self.step = "confirm on B"
        response = lb.post(self.admin, url, on="B", data=confirm, status=302)
        self.step = "the result message on A"
        result = lb.get(self.admin, lb.absolute(response.headers["Location"], url), on="A", status=200)
        messages = BeautifulSoup(result.text, "html.parser").select(".messages li")
        check(messages and all("success" in message.get("class", []) for message in messages),
              f"no success message after the confirmation: {excerpt(result)}")
        check(re.search(r"\b1\b", messages[0].get_text()), f"not one title created: {messages[0].get_text(' ', strip=True)}")
        self.step = "the uploaded file stays in no server's var folder"
        leftovers = [str(path) for folder in self.var_dirs for path in folder.glob("imports/*") if path.is_file()]
        check(not leftovers, f"left behind: {leftovers}")
        self.imported_title = title

    def publish(self) -> None:
        lb, anonymous = self.lb, self.lb.session()
        editor = self.lb.session()
        editor.headers["Authorization"] = f"Bearer {self.editor['token']}"
        self.step = "the page to change (API)"
        listing = lb.get(anonymous, "/api/v3/pages/?locale=en&type=content_models.StandardPage&limit=1", status=200).json()
        check(listing["items"], "no English standard page in the demo")
        page_id, path = listing["items"][0]["id"], "/" + listing["items"][0]["meta"]["html_url"].split("/", 3)[3]
        self.step = "the page as anonymous visitors see it: one page-cache entry shared by both servers"
        seen = [lb.get(anonymous, path, on=server, status=200).headers.get("X-Portal-Cache") for server in ("A", "B", "A", "B")]
        check(seen[1:] == ["hit", "hit", "hit"], f"X-Portal-Cache on A, B, A, B: {seen} (B must hit what A stored)")
        title = f"About the programme, revised {self.tag}"
        self.step = "the editor saves a draft (API, A)"
        lb.request(editor, "PATCH", f"/api/v3/pages/{page_id}/", on="A", json={"title": title}, status=200)
        check(title not in lb.get(anonymous, path, on="B", status=200).text, "a draft is live before approval")
        self.step = "the editor submits it for moderation (API, B)"
        submitted = lb.post(editor, f"/api/v3/moderation/pages/{page_id}/submit/", on="B", status=200).json()
        check(submitted.get("status") == "in_progress", f"workflow state {submitted}")
        self.step = "the moderator finds it on the dashboard (A)"
        dashboard = lb.get(self.admin, "/admin/", on="A", status=200)
        approve = re.search(rf"/admin/pages/workflow/action/{page_id}/approve/\d+/", dashboard.text)
        check(approve, "no approve action for the page on the dashboard")
        self.step = "the moderator approves and publishes (B)"
        csrf = self.admin.cookies.get("csrftoken")
        lb.post(self.admin, approve.group(0), on="B", data={"csrfmiddlewaretoken": csrf, "comment": ""}, status=302)
        published = time.monotonic()
        self.step = f"the anonymous page is current on both servers within {PUBLISH_WINDOW} s"
        seen = []
        for server in ("A", "B"):
            page = lb.get(anonymous, path, on=server, status=200)
            check(title in page.text, f"{server} serves the old page (X-Portal-Cache: {page.headers.get('X-Portal-Cache')})")
            seen.append(page.headers.get("X-Portal-Cache"))
        elapsed = time.monotonic() - published
        check(elapsed <= PUBLISH_WINDOW, f"took {elapsed:.2f} s")
        check(seen == ["miss", "hit"], f"X-Portal-Cache after the publish on A, B: {seen} (one new entry for both)")
        self.published_title = title

    def uploads(self) -> None:
        lb = self.lb
        self.step = "image form on B"
        form = lb.get(self.admin, "/admin/images/add/", on="B", status=200)
        _, fields = form_fields(form.text, selector="form[enctype]")
        fields["title"] = f"Multiserver poster {self.tag}"
        self.step = "image uploaded through A"
        lb.post(self.admin, "/admin/images/add/", on="A", data=fields, status=302,
                files={"file": (f"multiserver-{self.tag}.jpg", IMAGE.read_bytes(), "image/jpeg")})
        self.step = "the image's rendition made by B"
        listing = lb.get(self.admin, f"/admin/images/?q={quote(fields['title'])}", on="B", status=200)
        found = re.search(r"/admin/images/(\d+)/", listing.text)
        check(found, "the uploaded image is not in B's image listing")
        edit = lb.get(self.admin, f"/admin/images/{found.group(1)}/", on="B", status=200)
        sources = re.findall(r'src="(/media/images/multiserver-[^"]+)"', edit.text)
        check(sources, "no rendition on B's edit page")
        self.step = "the rendition and the original served by nginx"
        original = re.search(r'(/media/original_images/multiserver-[^"]+)"', edit.text)
        for url in [sources[0]] + ([original.group(1)] if original else []):
            response = lb.get(lb.session(), url, status=200)
            check(response.headers["Content-Type"].startswith("image/"), response.headers["Content-Type"])
            check("X-Portal-Server" not in response.headers and "public" in response.headers.get("Cache-Control", ""),
                  f"{url}: {dict(response.headers)}")
        self.step = "video form on B"
        add = "/admin/snippets/content_models/videofile/add/"
        form = lb.get(self.admin, add, on="B", status=200)
        _, fields = form_fields(form.text, selector="form[enctype]")
        fields["title"] = f"Multiserver video {self.tag}"
        self.step = "video uploaded through A"
        lb.post(self.admin, add, on="A", data=fields, status=302, files={"file": (f"multiserver-{self.tag}.mp4", VIDEO.read_bytes(), "video/mp4")})
        self.step = "the video known to B"
        listing = lb.get(self.admin, f"/admin/snippets/content_models/videofile/?q={quote(fields['title'])}", on="B", status=200)
        found = re.search(r"/admin/snippets/content_models/videofile/edit/(\d+)/", listing.text)
        check(found, "the uploaded video is not in B's listing")
        edit = lb.get(self.admin, found.group(0), on="B", status=200)
        link = re.search(r'href="(/media/videos/multiserver-[^"]+\.mp4)"', edit.text)
        check(link, "no link to the video file on B's edit page")
        self.step = "a Range request for the video answered 206 by nginx"
        data = VIDEO.read_bytes()
        response = lb.get(lb.session(), link.group(1), headers={"Range": "bytes=100-1123"}, status=206)
        check(response.content == data[100:1124], "the bytes of the range differ from the uploaded file")
        check(response.headers.get("Content-Range") == f"bytes 100-1123/{len(data)}", response.headers.get("Content-Range"))
        check(response.headers["Content-Type"] == "video/mp4" and "X-Portal-Server" not in response.headers, dict(response.headers))
        check((self.media_root / link.group(1).removeprefix("/media/")).exists(), "the video is not in the shared media folder")
        lb.get(lb.session(), link.group(1), headers={"Range": f"bytes={len(data)}-"}, status=416)

    def search(self) -> None:
        lb, anonymous = self.lb, self.lb.session()
        titles = [title for title in (self.published_title, self.imported_title) if title]
        check(titles, "nothing new was published or imported")
        for title in titles:
            self.step = f"search for “{title}” on A and B"
            for server in ("A", "B"):
                found = lb.get(anonymous, f"/api/v3/search/?locale=en&q={quote(title)}", on=server, status=200).json()
                check(title in [item["title"] for item in found["items"]], f"{server} does not find it")
                page = lb.get(anonymous, f"/en/search/?q={quote(title)}", on=server, status=200)
                check(f">{title}<" in page.text.replace("<mark>", "").replace("</mark>", ""), f"{server}'s search page does not list it")


def make_editor() -> None:
    """An Editors-group user with an API token (the editor of the moderation flow), printed as JSON."""
    import os

    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")
    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import Group, User
    from wagtail.models import APIToken

    user = User.objects.create_user("multiserver-editor", password=secrets.token_urlsafe(16))
    user.groups.add(Group.objects.get(name="Editors"))
    _, token = APIToken.create_token(user=user, name="multiserver test")
    print(json.dumps({"token": token, "admin_user": settings.PORTAL_ADMIN_USER, "admin_password": settings.PORTAL_ADMIN_PASSWORD}))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("make-editor")
    run = commands.add_parser("run")
    for name in ("--base", "--http", "--ca", "--servers", "--editor", "--media-root", "--var-dirs"):
        run.add_argument(name, required=True)
    args = parser.parse_args(argv)
    if args.command == "make-editor":
        make_editor()
        return 0
    flows = Run(args)
    flows.flow("nginx in front: HTTPS, both servers, static files", flows.front)
    flows.flow("admin login (form on A, posted to B)", flows.login)
    flows.flow("holdings check: three steps, saved report, private link", flows.holdings)
    flows.flow("book list import: preview on A, confirm on B", flows.book_import)
    flows.flow("page change: submitted, approved, published, current on both", flows.publish)
    flows.flow("image and video uploaded on A, served through nginx, known to B", flows.uploads)
    flows.flow("search finds the new titles on both servers", flows.search)
    print(f"requests answered: A {flows.lb.answered['A']}, B {flows.lb.answered['B']}")
    failed = [name for name, result, _ in flows.results if result != "PASS"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
