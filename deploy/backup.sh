#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump, custom format) and the media files (a tar of MEDIA_ROOT),
# into one new directory with a MANIFEST (time, database, sizes, SHA-256 of both files). See docs/deploy.md.
#
#   DATABASE_URL=postgres://portal@db/portal MEDIA_ROOT=/srv/portal/media deploy/backup.sh /srv/backups
#
# Prints the new directory's path. BACKUP_KEEP_DAYS=N also deletes this destination's backups older than N days.
# Redis (cache, rate-limit counts) and the search index are not backed up: both are rebuilt (update_index).
set -euo pipefail

die() { echo "backup: $*" >&2; exit 2; }

destination="${1:-${BACKUP_DIR:-}}"
[ -n "$destination" ] || die "usage: deploy/backup.sh DESTINATION_DIR (or BACKUP_DIR)"
[ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set"
case "$DATABASE_URL" in
  postgres://*|postgresql://*) ;;
  *) die "DATABASE_URL is not a PostgreSQL URL: this procedure backs up PostgreSQL only (copy a SQLite file while the portal is stopped)" ;;
esac
[ -n "${MEDIA_ROOT:-}" ] || die "MEDIA_ROOT is not set"
[ -d "$MEDIA_ROOT" ] || die "MEDIA_ROOT $MEDIA_ROOT is not a directory"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$destination/portal-$stamp"
partial="$target.partial"  # a backup that did not finish keeps the suffix and is never taken for a whole one
[ ! -e "$target" ] && [ ! -e "$partial" ] || die "$target exists already"
mkdir -p "$destination"
mkdir "$partial"

# One consistent snapshot of the database (pg_dump runs in one transaction); no owner or grants, so it restores
# into a database owned by any role.
pg_dump --format=custom --no-owner --no-acl --dbname="$DATABASE_URL" --file="$partial/db.dump"
# Media after the database: a file uploaded meanwhile is extra, never missing for a row of the dump.
tar --create --gzip --file="$partial/media.tar.gz" --directory="$MEDIA_ROOT" .

database="$(printf '%s' "$DATABASE_URL" | sed -E 's#^[a-z]+://([^@/]*@)?##; s#\?.*$##')"  # host:port/name, no password
{
  echo "created_utc: $stamp"
  echo "database: $database"
  echo "pg_dump: $(pg_dump --version)"
  echo "media_root: $MEDIA_ROOT"
  echo "media_files: $(find "$MEDIA_ROOT" -type f | wc -l)"
  echo "commit: $(git -C "$(dirname "$0")" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "sha256:"
  (cd "$partial" && sha256sum db.dump media.tar.gz | sed 's/^/  /')
} > "$partial/MANIFEST"
mv "$partial" "$target"

if [ -n "${BACKUP_KEEP_DAYS:-}" ]; then
  find "$destination" -maxdepth 1 -type d -name 'portal-*' -mtime "+$BACKUP_KEEP_DAYS" -exec rm -rf {} +
fi
echo "$target"
