#!/usr/bin/env bash
# The README's first command (`bash tools/demo.sh`, also `yarn demo`): on a
# fresh machine with only Node and npm, installs the dependencies, brings up
# PostgreSQL and Redis, writes a development .env with fresh keys if there is
# none, migrates, seeds, builds and starts the API and the worker in the
# background with a local mail catcher (maildev, unless something already
# listens on SMTP_URL's port), waits for GET /health, and prints the URLs.
# `bash tools/demo.sh stop` stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true
DEMO_DIR=.demo

stop_all() {
  for name in api worker mail; do
    if [ -f "$DEMO_DIR/$name.pid" ]; then
      pid="$(cat "$DEMO_DIR/$name.pid")"
      if kill -0 "$pid" 2>/dev/null; then
        echo "[demo] stopping $name (pid $pid)"
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      fi
      rm -f "$DEMO_DIR/$name.pid"
    fi
  done
}

if [ "${1:-}" = "stop" ]; then
  stop_all
  exit 0
fi

mkdir -p "$DEMO_DIR"
# Node 24 from the npm registry when the machine's is older than 22 (tools/node.sh).
. tools/node.sh
# One summary line per step; the step's whole output goes to its log (shown when it fails).
step() {
  local label="$1" log="$DEMO_DIR/$2.log"
  shift 2
  local started=$SECONDS
  if "$@" >"$log" 2>&1; then
    echo "[demo] $label ($((SECONDS - started)) s; log: $log)"
  else
    echo "[demo] $label FAILED; last lines of $log:" >&2
    tail -30 "$log" >&2
    exit 1
  fi
}

step "dependencies installed" install bash tools/yarn.sh install
bash tools/services.sh
node tools/env-init.mjs
# The SQL of the migrations stays in their log; the count is shown.
step "migrations run" migrations node tools/typeorm.mjs migration:run
APPLIED="$(grep -c 'has been executed successfully' "$DEMO_DIR/migrations.log" || true)"
echo "[demo]   $APPLIED migration(s) applied (0: the database was up to date)"
step "demo data seeded" seed node tools/seed.mjs
sed -n 's/^\[seed\] /[demo]   /p' "$DEMO_DIR/seed.log"
step "API and worker built" build bash -c 'node_modules/.bin/webpack --config apps/api/webpack.config.js && node_modules/.bin/webpack --config apps/worker/webpack.config.js'

stop_all

# A local SMTP catcher with a web page, unless one already answers (Mailpit from docker compose, say).
# SMTP_URL as the apps see it: environment, else .env, else the default.
SMTP_VALUE="${SMTP_URL:-$(sed -n 's/^SMTP_URL=//p' .env 2>/dev/null | tail -1)}"
SMTP_PORT="$(node -e "console.log(new URL(process.argv[1] || 'smtp://127.0.0.1:1025').port || 25)" "$SMTP_VALUE")"
MAIL_UI_PORT="${MAIL_UI_PORT:-1080}"
if node -e "require('net').connect(+process.argv[1], '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))" "$SMTP_PORT"; then
  MAIL_LINE="a mail catcher already answers on SMTP port $SMTP_PORT (docker compose's Mailpit: http://localhost:8025)"
else
  nohup node_modules/.bin/maildev --smtp "$SMTP_PORT" --web "$MAIL_UI_PORT" --ip 127.0.0.1 >"$DEMO_DIR/mail.log" 2>&1 &
  echo $! >"$DEMO_DIR/mail.pid"
  echo "[demo] started the mail catcher (pid $!), log: $DEMO_DIR/mail.log"
  MAIL_LINE="http://localhost:$MAIL_UI_PORT   (every email the worker sends)"
fi

for name in api worker; do
  nohup node --enable-source-maps "dist/apps/$name/main.js" >"$DEMO_DIR/$name.log" 2>&1 &
  echo $! >"$DEMO_DIR/$name.pid"
  echo "[demo] started $name (pid $!), log: $DEMO_DIR/$name.log"
done

# PORT as the API sees it: environment, else .env, else 3000.
PORT_VALUE="${PORT:-$(sed -n 's/^PORT=//p' .env 2>/dev/null | tail -1)}"
PORT_VALUE="${PORT_VALUE:-3000}"
BASE="http://localhost:$PORT_VALUE"
DASHBOARD_USER="${QUEUE_DASHBOARD_USER:-$(sed -n 's/^QUEUE_DASHBOARD_USER=//p' .env 2>/dev/null | tail -1)}"
DASHBOARD_PASSWORD="${QUEUE_DASHBOARD_PASSWORD:-$(sed -n 's/^QUEUE_DASHBOARD_PASSWORD=//p' .env 2>/dev/null | tail -1)}"
if [ -n "$DASHBOARD_USER" ] && [ -n "$DASHBOARD_PASSWORD" ]; then
  DASHBOARD_LINE="$BASE/admin/queues   (user $DASHBOARD_USER, password $DASHBOARD_PASSWORD, from .env)"
else
  DASHBOARD_LINE="off (set QUEUE_DASHBOARD_USER and QUEUE_DASHBOARD_PASSWORD)"
fi
for _ in $(seq 1 60); do
  if node -e "fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$BASE/health"; then
    cat <<MSG

[demo] the API and the worker are running.
  GraphQL API      $BASE/graphql   (open it in a browser for the GraphQL IDE)
  Health           $BASE/health
  Meta / metrics   $BASE/meta   $BASE/metrics
  Mail catcher     $MAIL_LINE
  Queue dashboard  $DASHBOARD_LINE
  Logs             $DEMO_DIR/api.log, $DEMO_DIR/worker.log
  Stop             bash tools/demo.sh stop   (or: yarn demo stop)
MSG
    node tools/seed.mjs --print-logins
    bash tools/yarn-path.sh
    exit 0
  fi
  if ! kill -0 "$(cat "$DEMO_DIR/api.pid")" 2>/dev/null; then
    echo "[demo] the API exited; last lines of $DEMO_DIR/api.log:" >&2
    tail -20 "$DEMO_DIR/api.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "[demo] $BASE/health did not answer within 30 s; see $DEMO_DIR/api.log" >&2
exit 1
