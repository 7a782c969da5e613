"""PORTAL_MEDIA_STORAGE and the AWS_* variables become STORAGES["default"] (portal/media_storage.py); a wrong or
incomplete choice stops the portal with a message that says what to set."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal.media_storage import LOCAL_BACKEND, S3_BACKEND, media_csp_sources, media_storage

AWS = ("AWS_STORAGE_BUCKET_NAME", "AWS_S3_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_S3_REGION_NAME",
       "AWS_S3_CUSTOM_DOMAIN", "AWS_QUERYSTRING_AUTH", "AWS_DEFAULT_ACL", "AWS_LOCATION", "AWS_S3_ADDRESSING_STYLE",
       "AWS_S3_URL_PROTOCOL", "AWS_S3_CACHE_CONTROL")


@pytest.fixture
def environ(monkeypatch):
    for name in ("PORTAL_MEDIA_STORAGE", *AWS):
        monkeypatch.delenv(name, raising=False)

    def set_(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)

    return set_


def test_local_is_the_default(environ):
    assert media_storage() == {"BACKEND": LOCAL_BACKEND}
    environ(PORTAL_MEDIA_STORAGE="LOCAL")
    assert media_storage() == {"BACKEND": LOCAL_BACKEND}
    assert media_csp_sources(media_storage()) == []


def test_s3_defaults_no_acl_unsigned_urls_and_no_overwriting(environ):
    environ(PORTAL_MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="kitaphana-media")
    storage = media_storage()
    assert storage["BACKEND"] == S3_BACKEND
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "kitaphana-media"
    assert options["default_acl"] is None
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    assert options["access_key"] is None and options["secret_key"] is None  # boto3's own credential chain
    assert options["endpoint_url"] is None and options["custom_domain"] is None
    assert media_csp_sources(storage) == ["https://kitaphana-media.s3.amazonaws.com"]


def test_s3_compatible_server_with_keys_region_and_a_custom_domain(environ):
    environ(
        PORTAL_MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="media", AWS_S3_ENDPOINT_URL="https://minio.example.kz:9000",
        AWS_ACCESS_KEY_ID="key", AWS_SECRET_ACCESS_KEY="secret", AWS_S3_REGION_NAME="kz-1", AWS_S3_ADDRESSING_STYLE="path",
        AWS_QUERYSTRING_AUTH="1", AWS_LOCATION="/portal/",
    )
    options = media_storage()["OPTIONS"]
    assert (options["endpoint_url"], options["access_key"], options["secret_key"]) == ("https://minio.example.kz:9000", "key", "secret")
    assert (options["region_name"], options["addressing_style"], options["location"]) == ("kz-1", "path", "portal")
    assert options["querystring_auth"] is True
    assert media_csp_sources(media_storage()) == ["https://minio.example.kz:9000"]
    environ(AWS_S3_CUSTOM_DOMAIN="media.kitaphana.example.kz/")
    assert media_storage()["OPTIONS"]["custom_domain"] == "media.kitaphana.example.kz"
    assert media_csp_sources(media_storage()) == ["https://media.kitaphana.example.kz"]
    environ(AWS_S3_URL_PROTOCOL="http")
    assert media_csp_sources(media_storage()) == ["http://media.kitaphana.example.kz"]


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"PORTAL_MEDIA_STORAGE": "s3"}, "needs AWS_STORAGE_BUCKET_NAME"),
        ({"PORTAL_MEDIA_STORAGE": "nfs"}, "PORTAL_MEDIA_STORAGE must be one of local, s3"),
        ({"PORTAL_MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "m", "AWS_S3_ENDPOINT_URL": "minio:9000"}, "AWS_S3_ENDPOINT_URL must be"),
        ({"PORTAL_MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "m", "AWS_S3_ADDRESSING_STYLE": "dns"}, "AWS_S3_ADDRESSING_STYLE must be"),
        ({"PORTAL_MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": "m", "AWS_S3_URL_PROTOCOL": "ftp"}, "AWS_S3_URL_PROTOCOL must be"),
    ],
)
def test_an_incomplete_or_unknown_choice_is_improperly_configured(environ, variables, message):
    environ(**variables)
    with pytest.raises(ImproperlyConfigured, match=message):
        media_storage()


def test_the_settings_refuse_s3_without_a_bucket_and_allow_the_bucket_in_the_csp():
    """The real settings module, loaded in a fresh process, as a server starts."""
    env = {k: v for k, v in os.environ.items() if k not in AWS and k != "PORTAL_MEDIA_STORAGE"}
    env.update(DJANGO_SETTINGS_MODULE="portal.settings.test", PORTAL_MEDIA_STORAGE="s3")
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['media-src'], s.PORTAL_SERVE_MEDIA)"
    refused = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert refused.returncode != 0
    assert "PORTAL_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME" in refused.stderr
    env.update(AWS_STORAGE_BUCKET_NAME="media", AWS_S3_CUSTOM_DOMAIN="media.kitaphana.example.kz", PORTAL_SERVE_MEDIA="1")
    started = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "[\"'self'\", 'https://media.kitaphana.example.kz'] False"  # S3 serves media, not the portal
