"""Compile the portal's .po catalogues to .mo with polib, so no GNU gettext is needed on the machine."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_translations() -> list[Path]:
    written = []
    for locale_dir in settings.LOCALE_PATHS:
        for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written.append(mo_path)
    return written


def forget_loaded_catalogues() -> None:
    """Django keeps a language's catalogue for the life of the process once loaded: one loaded before its .mo
    existed (a fresh checkout) would answer every request in that language with English msgids. After compiling
    in a running process, forget them so the next use reads the new files."""
    from asgiref.local import Local
    from django.utils.translation import trans_real

    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = Local()


class Command(BaseCommand):
    help = "Compile the portal's translation catalogues (.po → .mo) without GNU gettext."

    def handle(self, *args, **options):
        written = compile_translations()
        if written:
            forget_loaded_catalogues()
        self.stdout.write(f"Compiled {len(written)} catalogue(s).")
