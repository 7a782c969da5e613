"""Secret tokens of private links and pending steps (saved holdings reports, holdings checks, book list uploads):
the token is given once and only its SHA-256 is stored, so a leaked database names no working link."""

import hashlib
import secrets


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> tuple[str, str]:
    """A new token and its hash."""
    token = secrets.token_urlsafe(24)
    return token, token_hash(token)
