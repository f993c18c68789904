#!/usr/bin/env bash
# Keep→Notion sync on a live stack (bin/stack up: production profile, real jars), through the gateway as a
# user reaches it: a user registered through GraphQL creates a Takeout connection to a database of the Notion
# emulator, uploads a Takeout archive with an image (stored in S3 by keep-extractor with the production
# encryption setting, then extracted from there), and the job writes one page per note; the same archive
# again is a job that makes no Notion write at all.
# Prints PASS/FAIL <name> lines; exits non-zero if any failed.
#   KN_GATEWAY_URL (default http://127.0.0.1:8080)   KN_EMULATORS_URL (default http://127.0.0.1:8089)
#   KN_SYNC_DEADLINE seconds per job (default 120)
#   KN_GRAPHQL_URL, KN_SYNC_URL: only to bypass the gateway (knowledge-api's /graphql, sync-service's origin)
set -uo pipefail
gateway="${KN_GATEWAY_URL:-http://127.0.0.1:8080}"
graphql="${KN_GRAPHQL_URL:-$gateway/graphql}"
sync="${KN_SYNC_URL:-$gateway}"
emulators="${KN_EMULATORS_URL:-http://127.0.0.1:8089}"
deadline="${KN_SYNC_DEADLINE:-120}"
failed=0
pass() { echo "PASS sync: $1"; }
fail() { failed=$((failed + 1)); echo "FAIL sync: $1: $2"; }
for tool in curl jq python3; do
  command -v "$tool" >/dev/null || { echo "FAIL sync: $tool is not installed"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

gql() { # query variables-json [token]
  curl -sS -m 30 -X POST "$graphql" -H 'content-type: application/json' ${3:+-H "authorization: Bearer $3"} \
    -d "$(jq -n --arg q "$1" --argjson v "$2" '{query:$q, variables:$v}')"
}
# api METHOD PATH [curl args...]: prints the body, then the HTTP status on the last line
api() {
  local method=$1 path=$2; shift 2
  curl -sS -m 60 -X "$method" "$sync/api/v1/sync$path" -H "authorization: Bearer $token" -w '\n%{http_code}' "$@"
}
body() { sed '$d'; }
status() { tail -n1; }

await_job() { # job-id → prints the finished job
  local end=$((SECONDS + deadline)) job state
  while [ $SECONDS -lt $end ]; do
    job=$(api GET "/jobs/$1" | body)
    state=$(jq -r .state <<<"$job")
    case $state in SUCCEEDED|PARTIALLY_FAILED|FAILED|CANCELLED) echo "$job"; return 0 ;; esac
    sleep 1
  done
  echo "$job"
  return 1
}

# 1. A user of the platform, signed in through the gateway.
email="sync-stack-$(date +%s)-$RANDOM@example.test"
token=$(gql 'mutation($e: String!, $p: String!) { register(email: $e, password: $p, displayName: "Sync Stack Test") { accessToken } }' \
  "$(jq -n --arg e "$email" --arg p "Stack-$RANDOM-$RANDOM-Pw1!" '{e:$e, p:$p}')" | jq -r '.data.register.accessToken // empty')
if [ -z "$token" ]; then
  fail "a user registered through GraphQL" "no access token from $graphql"
  exit 1
fi
pass "a user registered through GraphQL"

# 2. A Notion database in the emulator, with an integration token of its own.
notion_token="secret_stack_$(date +%s)_$RANDOM"
curl -fsS -m 30 -X POST "$emulators/_emulator/notion/tokens" -H 'content-type: application/json' \
  -d "$(jq -n --arg t "$notion_token" '{token:$t, rate:3, burst:3}')" >/dev/null \
  || { fail "a Notion database in the emulator" "POST $emulators/_emulator/notion/tokens refused"; exit 1; }
database=$(curl -fsS -m 30 -X POST "$emulators/_emulator/notion/databases" -H 'content-type: application/json' \
  -d "$(jq -n --arg t "$notion_token" '{token:$t, title:"Keep (stack test)", properties:{Name:"title"}}')" | jq -r '.id // empty')
[ -n "$database" ] || { fail "a Notion database in the emulator" "no database id"; exit 1; }
pass "a Notion database in the emulator"

# 3. The connection, through the gateway (sync-service checks the database through notion-writer).
out=$(api POST /connections -H 'content-type: application/json' \
  -d "$(jq -n --arg d "$database" --arg t "$notion_token" '{name:"Stack test", sourceType:"TAKEOUT", notionDatabaseId:$d, notionToken:$t}')")
connection=$(body <<<"$out" | jq -r '.id // empty')
if [ "$(status <<<"$out")" = 201 ] && [ -n "$connection" ]; then
  pass "a Takeout connection created through the gateway"
else
  fail "a Takeout connection created through the gateway" "HTTP $(status <<<"$out"): $(body <<<"$out" | head -c 400)"
  exit 1
fi

# 4. A Takeout archive: three notes, one with an image.
python3 - "$work/takeout.zip" <<'PY'
import base64, json, sys, zipfile
png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
def note(title, text, created, attachment=None):
    n = {"title": title, "textContent": text, "color": "DEFAULT", "isPinned": False, "isArchived": False, "isTrashed": False,
         "labels": [{"name": "stack"}], "createdTimestampUsec": created, "userEditedTimestampUsec": created + 1_000_000}
    if attachment:
        n["attachments"] = [{"filePath": attachment, "mimetype": "image/png"}]
    return json.dumps(n)
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("Takeout/Keep/Groceries.json", note("Groceries", "milk, bread", 1_700_000_000_000_000))
    z.writestr("Takeout/Keep/Holiday.json", note("Holiday", "the beach", 1_700_000_100_000_000, "beach.png"))
    z.writestr("Takeout/Keep/beach.png", png)
    z.writestr("Takeout/Keep/Ideas.json", note("Ideas", "a sync that never duplicates", 1_700_000_200_000_000))
PY

upload() {
  api POST "/connections/$connection/takeout" -H 'content-type: application/zip' --data-binary @"$work/takeout.zip"
}

# 5. The first job writes one page per note, the image included.
out=$(upload)
job=$(body <<<"$out" | jq -r '.id // empty')
if [ "$(status <<<"$out")" != 202 ] || [ -z "$job" ]; then
  fail "a Takeout archive with an image is accepted" "HTTP $(status <<<"$out"): $(body <<<"$out" | head -c 400)"
  exit 1
fi
pass "a Takeout archive with an image is accepted (202)"
if finished=$(await_job "$job") && [ "$(jq -r .state <<<"$finished")" = SUCCEEDED ] && [ "$(jq -r .created <<<"$finished")" = 3 ]; then
  pass "the job succeeds with 3 pages created"
else
  fail "the job succeeds with 3 pages created" "$(jq -c '{state, created, failed, error}' <<<"$finished" 2>/dev/null || echo "$finished")"
  api GET "/jobs/$job/notes" | body | jq -c '.[] | {noteId, outcome, reason, warnings}' 2>/dev/null | sed 's/^/  /'
fi
pages=$(curl -fsS -m 30 "$emulators/_emulator/notion/databases/$database/pages")
count=$(jq 'if type == "array" then length else (.results // .pages // []) | length end' <<<"$pages")
if [ "$count" = 3 ]; then pass "the Notion emulator holds exactly 3 pages"; else fail "the Notion emulator holds exactly 3 pages" "it holds $count"; fi
if grep -q '"image"' <<<"$pages"; then pass "the image reached Notion as an image block"; else fail "the image reached Notion as an image block" "no image block in the pages"; fi

# 6. The same archive again: every note unchanged, not one Notion request.
out=$(upload)
again=$(body <<<"$out" | jq -r '.id // empty')
if [ -n "$again" ] && finished=$(await_job "$again") && [ "$(jq -r .state <<<"$finished")" = SUCCEEDED ] \
  && [ "$(jq -r .unchanged <<<"$finished")" = 3 ] && [ "$(jq -r .notionRequests <<<"$finished")" = 0 ]; then
  pass "the same archive again: 3 unchanged, 0 Notion requests"
else
  fail "the same archive again: 3 unchanged, 0 Notion requests" "HTTP $(status <<<"$out"): $(jq -c '{state, created, updated, unchanged, notionRequests}' <<<"${finished:-{\}}" 2>/dev/null)"
fi
count=$(curl -fsS -m 30 "$emulators/_emulator/notion/databases/$database/pages" | jq 'if type == "array" then length else (.results // .pages // []) | length end')
if [ "$count" = 3 ]; then pass "still exactly 3 pages"; else fail "still exactly 3 pages" "the emulator holds $count"; fi

# Cleanup: the connection with its jobs and mapping (the emulator's database stays until its reset).
api DELETE "/connections/$connection" >/dev/null
exit $((failed > 0))
