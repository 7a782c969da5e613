"""Test settings: fast hasher, plain static storage, database search; SQLite unless DATABASE_URL is set."""

import os
import tempfile

os.environ.setdefault("PORTAL_VAR_DIR", os.path.join(tempfile.gettempdir(), "portal-test-var"))

from .base import *  # noqa: E402,F401,F403

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-used-anywhere-else-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ALLOWED_HOSTS = ["*"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_PAGE_CACHE = False  # tests of the page cache switch it on themselves
# Rate limits far above anything the suite does; tests of the limits set their own (tests/portal/ratelimit/).
PORTAL_RATELIMITS = {group: "100000/h" for group in PORTAL_RATELIMITS}  # noqa: F405
# The search tests turn Elasticsearch on themselves when ELASTICSEARCH_URL is in the environment
# (tests/search/conftest.py); every other test uses the database backend and writes nothing to a server.
ELASTICSEARCH_URL = ""
ELASTICSEARCH_INDEX_PREFIX = f"portal-test-{os.getpid()}"
# The login lockout needs the request at every authenticate(); the test client's login() passes none. The lockout
# tests (tests/content_models/logins/) switch it on.
AXES_ENABLED = False
