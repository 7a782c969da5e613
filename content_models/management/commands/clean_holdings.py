"""The former name of clean_expired (cron lines written for it keep working): the same command."""

from content_models.management.commands.clean_expired import Command  # noqa: F401
