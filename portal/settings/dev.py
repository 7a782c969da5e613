"""Local development: DEBUG on, a generated secret key, console email (unless EMAIL_URL or EMAIL_HOST is set)."""

import os

from portal.env import env_bool, env_str

os.environ.setdefault("DEBUG", "1")

from .base import *  # noqa: E402,F401,F403
from .base import VAR_DIR  # noqa: E402

DEBUG = env_bool("DEBUG", True)
if not (env_str("EMAIL_URL") or env_str("EMAIL_HOST")):
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # emails are printed unless a server is set
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
WHITENOISE_USE_FINDERS = True

if not SECRET_KEY:  # noqa: F405
    # A per-checkout development key, generated once and kept under var/ (never committed).
    from django.core.management.utils import get_random_secret_key

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
    SECRET_KEY = key_file.read_text().strip()
