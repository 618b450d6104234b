#!/usr/bin/env bash
# The README's walkthrough, as a script that works on any day: an order placed now, paid, shipped
# and received; a return opened on it, approved by an agent, sent back by the buyer, received and
# inspected by the warehouse, and refunded; the buyer's progress answer read along the way.
# The test suite runs it against the dev server (tests/integration/readme-walkthrough.test.ts).
#
#   bash docs/walkthrough.sh                        # against `npm start` on localhost:3000
#   API=http://localhost:3000 SHOP=shop-1 ADMIN_KEY=bok_… bash docs/walkthrough.sh
#
# It signs in as the shop's people would: with the operator's key (ADMIN_KEY, by default the one
# `npm start` keeps in .data/operator-api-key) it makes the shop a platform key and two people, an
# agent and a warehouse clerk, who sign in with their passwords.
#
# Refunds go through the shop's payment gateway: set PAYMENT_GATEWAY_URL (and
# PAYMENT_GATEWAY_SECRET) to have the walkthrough configure one and wait for the refund; without
# it, it stops once the refund is under way.
set -euo pipefail

API="${API:-http://localhost:3000}"
SHOP="${SHOP:-shop-1}"
ADMIN_KEY="${ADMIN_KEY:-$(cat "$(dirname "$0")/../.data/operator-api-key" 2>/dev/null || true)}"
[ -n "$ADMIN_KEY" ] || { echo "walkthrough: set ADMIN_KEY (npm start prints the operator's key and keeps it in .data/operator-api-key)" >&2; exit 1; }
RUN="$(date +%s)"
ORDER="TB${RUN}"
CASE="RMA${RUN}"
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

step() { printf '\n==> %s\n' "$*"; }

# as KEY METHOD PATH [BODY]: calls with the key or session token, prints the response body, fails on a status of 400 or more.
as() {
  local out status
  out="$(curl -sS -X "$2" "$API$3" -H "authorization: Bearer $1" -H 'content-type: application/json' ${4:+-d "$4"} -w '\n%{http_code}')"
  status="${out##*$'\n'}"
  out="${out%$'\n'*}"
  printf '%s %s -> %s %s\n' "$2" "$3" "$status" "$out" >&2
  [ "$status" -lt 400 ] || { echo "walkthrough: $2 $3 answered $status" >&2; exit 1; }
  printf '%s' "$out"
}

# field JSON PATH: one field of a JSON document (node is there wherever this project runs).
field() { node -e 'let v = JSON.parse(process.argv[1]); for (const k of process.argv[2].split(".")) v = v?.[k]; process.stdout.write(v === undefined || v === null ? "" : String(v))' "$1" "$2"; }

# until_field KEY PATH FIELD VALUE: polls GET PATH until FIELD is VALUE (the workflows act in the background).
until_field() {
  for _ in $(seq 1 240); do
    local body
    body="$(curl -sS "$API$2" -H "authorization: Bearer $1")"
    [ "$(field "$body" "$3")" = "$4" ] && { printf '%s' "$body"; return; }
    sleep 0.5
  done
  echo "walkthrough: $2 never had $3 = $4" >&2
  exit 1
}

step "The shop's people and its platform's key, made with the operator's key"
PLATFORM="$(field "$(as "$ADMIN_KEY" POST "/shops/$SHOP/api-keys" '{"name":"taobao bridge","role":"platform"}')" key)"
person() {
  as "$ADMIN_KEY" PUT "/shops/$SHOP/people/$1" "{\"role\":\"agent\",\"queues\":$2,\"password\":\"walkthrough-$RUN\"}" >/dev/null
  field "$(as none POST /sessions "{\"login\":\"$1\",\"password\":\"walkthrough-$RUN\"}")" token
}
AGENT="$(person agent-wang '["PRE_SALES","AFTER_SALES"]')"
WAREHOUSE="$(person warehouse-chen '["WAREHOUSE"]')"

event() { as "$PLATFORM" POST "/orders/$SHOP/$ORDER/events" "{\"eventId\":\"$1\",\"type\":\"$2\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"data\":${3:-{\}}}" >/dev/null; }
task() { printf '%s' "case:$SHOP:$CASE:$1" | node -e 'process.stdout.write(encodeURIComponent(require("fs").readFileSync(0, "utf8")))'; }
# complete WHO STEP OUTCOME: the signed-in person completes the case's task once it is open.
complete() {
  until_field "$1" "/tasks/$(task "$2")" status OPEN >/dev/null
  as "$1" POST "/tasks/$(task "$2")/complete" "{\"outcome\":$3}" >/dev/null
}

if [ -n "${PAYMENT_GATEWAY_URL:-}" ]; then
  step "The shop's payment gateway"
  as "$ADMIN_KEY" PUT "/shops/$SHOP/payment-gateway" "{\"url\":\"$PAYMENT_GATEWAY_URL\",\"secret\":\"${PAYMENT_GATEWAY_SECRET:?set it beside PAYMENT_GATEWAY_URL}\"}" >/dev/null
fi

step "An order placed now: two cups and a lid, 109.00 in all (items 99.00 + lid 10.00, shipping free)"
as "$PLATFORM" POST /orders "{
  \"shopId\": \"$SHOP\", \"orderId\": \"$ORDER\", \"platform\": \"taobao\",
  \"buyer\": {\"id\": \"b-77\", \"name\": \"张三\", \"phone\": \"13800000000\"},
  \"items\": [{\"sku\": \"CUP-500\", \"title\": \"保温杯\", \"quantity\": 2, \"unitPrice\": \"49.50\"},
              {\"sku\": \"LID-1\", \"title\": \"杯盖\", \"quantity\": 1, \"unitPrice\": \"10.00\"}],
  \"shipping\": \"0.00\", \"total\": \"109.00\", \"paymentMethod\": \"ONLINE\",
  \"shippingAddress\": {\"recipient\": \"张三\", \"phone\": \"13800000000\", \"province\": \"浙江省\",
                      \"city\": \"杭州市\", \"district\": \"西湖区\", \"street\": \"文三路 1 号\"},
  \"placedAt\": \"$NOW\"}" >/dev/null
until_field "$AGENT" "/orders/$SHOP/$ORDER" workflow.status AWAITING_PAYMENT >/dev/null

step "Paid, shipped, delivered, received"
event pay-1 paid '{"amount":"109.00"}'
until_field "$AGENT" "/orders/$SHOP/$ORDER" workflow.status AWAITING_SHIPMENT >/dev/null
event ship-1 shipped '{"courier":"顺丰速运","trackingNumber":"SF1234567890"}'
event deliver-1 delivered
event receipt-1 receipt_confirmed
until_field "$AGENT" "/orders/$SHOP/$ORDER" workflow.status RECEIVED >/dev/null
as "$AGENT" GET "/orders/$SHOP/$ORDER/timeline" >/dev/null

step "A return of one cup (49.50), opened by the buyer on the platform"
opened="$(as "$PLATFORM" POST /cases "{\"shopId\":\"$SHOP\",\"caseId\":\"$CASE\",\"orderId\":\"$ORDER\",\"type\":\"RETURN_REFUND\",\"situation\":\"quality_defect\",\"requestedAmount\":\"49.50\",\"channel\":\"platform\",\"openedBy\":\"buyer\",\"description\":\"杯子有裂纹\"}")"
token="$(field "$opened" accessToken)"
progress() { as none GET "/cases/$SHOP/$CASE/progress?token=$token&lang=${1:-zh-CN}"; }
progress >/dev/null

step "An agent approves it (A2/A3); the buyer sends it back (A4)"
complete "$AGENT" respond '{"decision":"approve","fault":"PRODUCT"}'
until_field "$AGENT" "/cases/$SHOP/$CASE" workflow.status AWAITING_RETURN >/dev/null
as "$PLATFORM" POST "/cases/$SHOP/$CASE/events" "{\"eventId\":\"ret-1\",\"type\":\"return_shipped\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"actor\":\"buyer\",\"data\":{\"courier\":\"顺丰速运\",\"trackingNumber\":\"SF9876543210\"}}" >/dev/null
progress en >/dev/null

step "The warehouse receives and inspects the return (A4); the refund follows (A5)"
as "$PLATFORM" POST "/cases/$SHOP/$CASE/events" "{\"eventId\":\"ret-2\",\"type\":\"return_received\",\"occurredAt\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"actor\":\"warehouse-chen\",\"data\":{}}" >/dev/null
complete "$WAREHOUSE" inspect-return '{"condition":"as_sold","restocked":true}'
if [ -n "${PAYMENT_GATEWAY_URL:-}" ]; then
  until_field "$AGENT" "/cases/$SHOP/$CASE" workflow.status REFUNDED >/dev/null
  progress >/dev/null
  step "Done: order $ORDER received, case $CASE refunded 49.50"
else
  until_field "$AGENT" "/cases/$SHOP/$CASE" workflow.status REFUNDING >/dev/null
  step "Done: order $ORDER received, case $CASE refunding (no payment gateway configured: PUT /shops/$SHOP/payment-gateway)"
fi
