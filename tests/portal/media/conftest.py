"""A real S3-compatible server for the media tests: moto's server on a loopback port, one bucket per test."""

import json
import uuid

import boto3
import pytest
from django.test import override_settings
from moto.server import ThreadedMotoServer

from portal.media_storage import media_storage

KEYS = {"aws_access_key_id": "portal-test", "aws_secret_access_key": "portal-test-secret", "region_name": "us-east-1"}


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_client(s3_endpoint):
    return boto3.client("s3", endpoint_url=s3_endpoint, **KEYS)


PUBLIC_PREFIXES = ("images/", "original_images/", "videos/")  # documents/ stay private: Wagtail's view serves them


def public_read_policy(bucket: str) -> str:
    """The bucket policy docs/deployment.md gives: anyone may read images, renditions and videos, nothing else."""
    return json.dumps({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "PublicMedia", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
        }],
    })


@pytest.fixture
def bucket(s3_client) -> str:
    name = f"portal-media-{uuid.uuid4().hex[:12]}"
    s3_client.create_bucket(Bucket=name)
    s3_client.put_bucket_policy(Bucket=name, Policy=public_read_policy(name))
    return name


def s3_storages(monkeypatch, endpoint: str, bucket: str, **environ) -> dict:
    """STORAGES with the default storage in the bucket, built by portal/media_storage.py from these variables."""
    from django.conf import settings

    variables = {
        "PORTAL_MEDIA_STORAGE": "s3", "AWS_STORAGE_BUCKET_NAME": bucket, "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": KEYS["aws_access_key_id"], "AWS_SECRET_ACCESS_KEY": KEYS["aws_secret_access_key"],
        "AWS_S3_REGION_NAME": KEYS["region_name"], "AWS_S3_ADDRESSING_STYLE": "path", **environ,
    }
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return {**settings.STORAGES, "default": media_storage()}


@pytest.fixture
def s3_media(monkeypatch, s3_endpoint, bucket):
    """The default storage (images, renditions, documents, videos) in a fresh bucket of the moto server."""
    with override_settings(STORAGES=s3_storages(monkeypatch, s3_endpoint, bucket)):
        yield bucket
