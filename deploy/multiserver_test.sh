#!/usr/bin/env bash
# The multi-server test: two gunicorn app servers (production settings) on two loopback ports behind nginx
# (deploy/nginx.conf, round robin, TLS with a throwaway certificate), one PostgreSQL database, one Redis database
# and one media folder; each server has a var folder of its own (PORTAL_VAR_DIR), as on two machines.
# deploy/multiserver_flows.py then walks the portal's flows through nginx, request by request alternating between
# the servers. Exits non-zero on any failure, naming the step.
#
#   deploy/multiserver_test.sh
#
# Environment: MULTISERVER_DB (database name, default portal_multiserver_<pid>; created and dropped),
# MULTISERVER_REDIS_DB (Redis database number, default 14; emptied before and after), PGHOST/PGPORT/PGUSER
# (default 127.0.0.1, 5432, postgres), NGINX (default /usr/sbin/nginx), MULTISERVER_KEEP=1 keeps the temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY="$ROOT/.venv/bin/python"
NGINX=${NGINX:-/usr/sbin/nginx}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
DB=${MULTISERVER_DB:-portal_multiserver_$$}
REDIS_DB=${MULTISERVER_REDIS_DB:-14}
STEP="start"
STARTED=$(date +%s)
PIDS=()
TMP=$(mktemp -d /tmp/portal-multiserver.XXXXXX)
chmod 755 "$TMP"  # nginx's workers (nobody when started as root) read static and media files from here

step() { STEP="$1"; echo "== multiserver: $1 ($(( $(date +%s) - STARTED )) s)"; }

psql_admin() { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -v ON_ERROR_STOP=1 -q "$@" postgres; }

flush_redis() {
  "$PY" -c "import redis, sys; redis.Redis(host='127.0.0.1', port=6379, db=int(sys.argv[1])).flushdb()" "$REDIS_DB"
}

cleanup() {
  status=$?
  trap - EXIT
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "!! multiserver: FAILED at step: $STEP" >&2
    for log in "$TMP"/logs/*.log "$TMP"/nginx/error.log; do
      [ -s "$log" ] && { echo "--- tail of $log" >&2; tail -n 25 "$log" >&2; }
    done
  fi
  psql_admin -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  flush_redis >/dev/null 2>&1 || true
  if [ "${MULTISERVER_KEEP:-0}" = "1" ]; then echo "(kept $TMP)"; else rm -rf "$TMP"; fi
  echo "== multiserver: $([ "$status" -eq 0 ] && echo passed || echo failed) in $(( $(date +%s) - STARTED )) s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"; }

step "prerequisites"
[ -x "$NGINX" ] || { echo "nginx not found at $NGINX (Debian: apt-get install nginx)" >&2; exit 1; }
[ -x "$PY" ] || { echo "no virtualenv at .venv (python3 run.py test sets it up)" >&2; exit 1; }
mkdir -p "$TMP/logs" "$TMP/shared/media" "$TMP/shared/static" "$TMP/var-a" "$TMP/var-b" "$TMP/var-setup" "$TMP/nginx"
PORT_A=$(free_port); PORT_B=$(free_port); PORT_HTTPS=$(free_port); PORT_HTTP=$(free_port)
while [ "$PORT_B" = "$PORT_A" ]; do PORT_B=$(free_port); done

# Production settings, as on the real servers: only HSTS is off (a loopback test certificate).
export DJANGO_SETTINGS_MODULE=portal.settings.production
SECRET_KEY=$("$PY" -c "import secrets; print(secrets.token_urlsafe(60))")
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://$PGUSER@$PGHOST:$PGPORT/$DB"
export CACHE_URL="redis://127.0.0.1:6379/$REDIS_DB"
export MEDIA_ROOT="$TMP/shared/media" STATIC_ROOT="$TMP/shared/static"
export SECURE_HSTS_SECONDS=0 SECURE_HSTS_PRELOAD=0
export PORTAL_TRUSTED_PROXIES=127.0.0.1
export PORTAL_ADMIN_USER=admin
PORTAL_ADMIN_PASSWORD=$("$PY" -c "import secrets; print(secrets.token_urlsafe(18))")
export PORTAL_ADMIN_PASSWORD
export LOG_LEVEL=WARNING

step "database $DB and Redis db $REDIS_DB"
psql_admin -c "CREATE DATABASE \"$DB\""
# A throwaway database need not wait for each commit to reach the disk (the set-up commits thousands of times).
psql_admin -c "ALTER DATABASE \"$DB\" SET synchronous_commit = off"
flush_redis

step "migrate, translations and demo content (manage.py prepare_site), collectstatic beside it"
PORTAL_VAR_DIR="$TMP/var-setup" "$PY" manage.py collectstatic --noinput >"$TMP/logs/collectstatic.log" 2>&1 &
COLLECT=$!
PORTAL_VAR_DIR="$TMP/var-setup" "$PY" manage.py prepare_site >"$TMP/logs/setup.log" 2>&1
STEP="collectstatic"
wait "$COLLECT"

step "two gunicorn app servers on 127.0.0.1:$PORT_A and 127.0.0.1:$PORT_B"
for side in a b; do
  port=$([ "$side" = a ] && echo "$PORT_A" || echo "$PORT_B")
  PORTAL_VAR_DIR="$TMP/var-$side" "$PY" -m gunicorn portal.wsgi --workers 2 --bind "127.0.0.1:$port" \
    --graceful-timeout 5 --no-control-socket --log-level warning --error-logfile "$TMP/logs/gunicorn-$side.log" &
  PIDS+=($!)
done

step "TLS certificate and nginx (round robin) on https://127.0.0.1:$PORT_HTTPS"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
  -keyout "$TMP/nginx/key.pem" -out "$TMP/nginx/cert.pem" >/dev/null 2>&1
"$PY" deploy/nginx_test_conf.py "$TMP/nginx" --app "127.0.0.1:$PORT_A" --app "127.0.0.1:$PORT_B" \
  --https-port "$PORT_HTTPS" --http-port "$PORT_HTTP" --static "$STATIC_ROOT" --media "$MEDIA_ROOT" \
  --cert "$TMP/nginx/cert.pem" --key "$TMP/nginx/key.pem" >/dev/null
"$NGINX" -q -t -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log"
"$NGINX" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" &
PIDS+=($!)

step "an editor with an API token (while the servers start)"
PORTAL_VAR_DIR="$TMP/var-setup" "$PY" deploy/multiserver_flows.py make-editor >"$TMP/editor.json" 2>>"$TMP/logs/setup.log"

step "the app servers accept connections"
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 120); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.5; done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "nothing listens on 127.0.0.1:$port" >&2; exit 1; }
done

step "flows through nginx"
STEP="flows (the failed flow is named above)"
"$PY" deploy/multiserver_flows.py run --base "https://127.0.0.1:$PORT_HTTPS" --http "http://127.0.0.1:$PORT_HTTP" \
  --ca "$TMP/nginx/cert.pem" --servers "127.0.0.1:$PORT_A,127.0.0.1:$PORT_B" --editor "$TMP/editor.json" \
  --media-root "$MEDIA_ROOT" --var-dirs "$TMP/var-a,$TMP/var-b"
STEP="done"
