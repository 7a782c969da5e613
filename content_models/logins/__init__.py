"""Locking out repeated failed logins (django-axes): the client address, the lockout page, the admin unlock view."""
