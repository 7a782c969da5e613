"""Run in a process of its own against the database in DATABASE_URL (see test_backup_restore.py):

    python -m tests.deploy.probe populate   # the demo, plus one uploaded document; prints the document's file name
    python -m tests.deploy.probe answers    # the API answers and the stored files' digests, as one JSON object

The answers are read with Django's test client, in a fresh process, so the source database and its restored copy
are asked in exactly the same way."""

import hashlib
import json
import sys

import django

UPLOAD = "%PDF-1.4\n% Кітапхана қорын толықтыру нұсқаулығы\n%%EOF\n".encode()

# Explicit date ranges: the calendars' defaults start today, which would make the answers depend on the day.
ENDPOINTS = [
    "/api/v3/books/?locale=kk&limit=100",
    "/api/v3/books/?locale=ru&offset=100&limit=100",
    "/api/v3/books/?locale=en&genre=poetry&sort=title",
    "/api/v3/books/?locale=kk&search=абай",
    "/api/v3/books/composition/",
    "/api/v3/search/?q=абай&locale=kk",
    "/api/v3/search/?q=Abai+joly&locale=en",
    "/api/v3/search/?q=путь+абая&locale=ru&type=book",
    "/api/v3/search/autocomplete/?q=қыз&locale=kk",
    "/api/v3/events/?start=2026-01-01&end=2027-01-31&locale=kk",
    "/api/v3/events/?start=2026-09-01&end=2027-08-31&locale=ru",
    "/api/v3/notable-dates/?start=2026-09-01&end=2027-08-31&locale=kk",
    "/api/v3/exhibitions/?start=2026-09-01&end=2027-08-31&locale=en",
    "/api/v3/pages/?limit=100&locale=kk",
]


def populate() -> None:
    from django.core.management import call_command

    from tests.factories.snippets import make_document

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    # The demo sets its authors' dates with a queryset update, which no signal follows: their search results would
    # lack the years until the next rebuild. Rebuilt here, so the comparison is about the backup alone.
    call_command("update_index", verbosity=0)
    document = make_document("nuskaulyk.pdf", UPLOAD, title="Нұсқаулық")
    print(document.file.name)


def stored_files() -> dict:
    """SHA-256 of every file the documents and images rows point at (read through the storage)."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    digests = {}
    for model in (get_document_model(), get_image_model()):
        for item in model.objects.order_by("pk"):
            with item.file.open("rb") as handle:
                digests[item.file.name] = hashlib.sha256(handle.read()).hexdigest()
    return digests


def answers() -> dict:
    from django.test import Client

    client = Client()
    out = {}
    for path in ENDPOINTS:
        response = client.get(path)
        out[path] = {"status": response.status_code, "body": response.json()}
    out["files"] = stored_files()
    return out


if __name__ == "__main__":
    django.setup()
    if sys.argv[1:] == ["populate"]:
        populate()
    elif sys.argv[1:] == ["answers"]:
        print(json.dumps(answers(), ensure_ascii=False, sort_keys=True))
    else:
        sys.exit("usage: python -m tests.deploy.probe populate|answers")
