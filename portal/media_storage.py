"""Where uploaded media (images and their renditions, documents, videos) are stored, from the environment.

``PORTAL_MEDIA_STORAGE`` chooses the backend of ``STORAGES["default"]``:

* ``local`` (the default): Django's ``FileSystemStorage`` in ``MEDIA_ROOT``. Several app servers share one folder by
  mounting it (NFS) at the same ``MEDIA_ROOT`` on each.
* ``s3``: django-storages' ``S3Storage`` in a bucket of Amazon S3 or of any S3-compatible server (MinIO, Ceph, a
  provider's object storage), read from the ``AWS_*`` variables below. Files are addressed by the bucket's URL (or
  ``AWS_S3_CUSTOM_DOMAIN``), so browsers fetch images and videos straight from the object storage, which answers
  HTTP Range requests itself.

``media_csp_sources`` gives the origins the Content-Security-Policy must allow for images and media when they are
not served by the portal itself.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_str

LOCAL_BACKEND = "django.core.files.storage.FileSystemStorage"
S3_BACKEND = "storages.backends.s3.S3Storage"
KINDS = ("local", "s3")


def media_storage_kind() -> str:
    kind = env_str("PORTAL_MEDIA_STORAGE").strip().lower() or "local"
    if kind not in KINDS:
        raise ImproperlyConfigured(f"PORTAL_MEDIA_STORAGE must be one of {', '.join(KINDS)}, not {kind!r}.")
    return kind


def s3_options() -> dict:
    """django-storages' S3Storage options from the AWS_* variables, with the portal's defaults: no ACLs (the bucket's
    policy decides who reads), plain unsigned URLs (pages are cached until the next publish, longer than any signed
    URL lives), and never overwriting a file of the same name."""
    bucket = env_str("AWS_STORAGE_BUCKET_NAME").strip()
    if not bucket:
        raise ImproperlyConfigured("PORTAL_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME (the bucket that holds the media).")
    endpoint = env_str("AWS_S3_ENDPOINT_URL").strip()
    if endpoint and urlsplit(endpoint).scheme not in ("http", "https"):
        raise ImproperlyConfigured(f"AWS_S3_ENDPOINT_URL must be an http:// or https:// address, not {endpoint!r}.")
    addressing = env_str("AWS_S3_ADDRESSING_STYLE").strip().lower()
    if addressing not in ("", "auto", "path", "virtual"):
        raise ImproperlyConfigured(f"AWS_S3_ADDRESSING_STYLE must be path, virtual or auto, not {addressing!r}.")
    protocol = (env_str("AWS_S3_URL_PROTOCOL").strip().rstrip(":/").lower() or "https") + ":"
    if protocol not in ("http:", "https:"):
        raise ImproperlyConfigured(f"AWS_S3_URL_PROTOCOL must be https or http, not {protocol[:-1]!r}.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "access_key": env_str("AWS_ACCESS_KEY_ID").strip() or None,  # None: boto3's own chain (instance role, ~/.aws)
        "secret_key": env_str("AWS_SECRET_ACCESS_KEY").strip() or None,
        "region_name": env_str("AWS_S3_REGION_NAME").strip() or None,
        "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN").strip().strip("/") or None,
        "url_protocol": protocol,  # of the custom domain's URLs
        "location": env_str("AWS_LOCATION").strip().strip("/"),
        "default_acl": env_str("AWS_DEFAULT_ACL").strip() or None,
        "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
        "file_overwrite": False,
        "object_parameters": {"CacheControl": env_str("AWS_S3_CACHE_CONTROL").strip() or "public, max-age=86400"},
    }
    if addressing:
        options["addressing_style"] = addressing
    return options


def media_storage() -> dict:
    """``STORAGES["default"]`` for the chosen kind."""
    if media_storage_kind() == "s3":
        return {"BACKEND": S3_BACKEND, "OPTIONS": s3_options()}
    return {"BACKEND": LOCAL_BACKEND}


def media_csp_sources(storage: dict) -> list[str]:
    """Origins that serve media URLs of this storage (none for local storage: the portal's own origin)."""
    if storage["BACKEND"] != S3_BACKEND:
        return []
    options = storage["OPTIONS"]
    if options["custom_domain"]:
        return [f"{options['url_protocol']}//{options['custom_domain']}"]
    bucket = options["bucket_name"]
    if options["endpoint_url"]:
        parts = urlsplit(options["endpoint_url"])
        sources = [f"{parts.scheme}://{parts.netloc}"]
        if options.get("addressing_style") != "path":
            sources.append(f"{parts.scheme}://{bucket}.{parts.netloc}")
        return sources
    sources = [f"https://{bucket}.s3.amazonaws.com"]
    if options["region_name"]:
        sources.append(f"https://{bucket}.s3.{options['region_name']}.amazonaws.com")
    return sources
