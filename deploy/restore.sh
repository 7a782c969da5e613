#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into a FRESH, empty PostgreSQL database and an empty MEDIA_ROOT, then
# migrate (a no-op for a backup of the same release) and rebuild the search index. See docs/deploy.md.
#
#   createdb -O portal portal_restored
#   DATABASE_URL=postgres://portal@db/portal_restored MEDIA_ROOT=/srv/portal/media DJANGO_SETTINGS_MODULE=... \
#       deploy/restore.sh /srv/backups/portal-20261205T020000Z
#
# Refuses a database that holds tables, a MEDIA_ROOT that holds files, and a backup whose checksums differ from
# its MANIFEST. PYTHON names the portal's interpreter (default: the checkout's .venv, else python3).
set -euo pipefail

die() { echo "restore: $*" >&2; exit 2; }

backup="${1:-}"
[ -n "$backup" ] || die "usage: deploy/restore.sh BACKUP_DIR"
[ -f "$backup/MANIFEST" ] || die "$backup has no MANIFEST: not a finished backup"
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) die "DATABASE_URL is not a PostgreSQL URL" ;;
esac
[ -n "${MEDIA_ROOT:-}" ] || die "MEDIA_ROOT is not set"

root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-}"
if [ -z "$python" ]; then
  if [ -x "$root/.venv/bin/python" ]; then python="$root/.venv/bin/python"; else python=python3; fi
fi

(cd "$backup" && sed -n 's/^  //p' MANIFEST | sha256sum --check --quiet) || die "$backup: checksums differ from the MANIFEST"

tables="$(psql --no-psqlrc --tuples-only --no-align --dbname="$DATABASE_URL" \
  --command="select count(*) from pg_tables where schemaname = 'public'")" || die "cannot connect to the database"
[ "$tables" = "0" ] || die "the database holds $tables tables: restore into a fresh, empty database"
mkdir -p "$MEDIA_ROOT"
[ -z "$(find "$MEDIA_ROOT" -mindepth 1 -print -quit)" ] || die "MEDIA_ROOT $MEDIA_ROOT is not empty"

pg_restore --no-owner --no-acl --exit-on-error --single-transaction --dbname="$DATABASE_URL" "$backup/db.dump"
tar --extract --gzip --file="$backup/media.tar.gz" --directory="$MEDIA_ROOT"

cd "$root"
"$python" manage.py migrate --noinput
"$python" manage.py update_index --verbosity 0
echo "restored $backup"
