#!/usr/bin/env bash
# Submits the committed demo model (models/demo/baseline: a TF.js layers CNN with 4 output classes) through
# POST /api/v1/submissions with a personal API token (create one on /account), then polls each evaluation job with
# GET /api/v1/jobs/{id} until it has finished. Needs bash, curl, grep and sed.
#
#   TOKEN=hlp_... BASE_URL=http://localhost:3000 bash docs/examples/submit.sh
#
# The embedded default (`npm run serve`) already lists this model under identity preprocessing (it submits the demo
# models at start), so this sends it with preprocessing=unit-range: the same weights under another preprocessing are a
# model of their own, and visibility=private keeps it off the public boards. Run it a second time with the same
# account and the answer is a 409 naming your first submission (same weights and preprocessing).
# Exit status: 0 when every job succeeded, 1 when the submission was refused, 2 when a job failed or was cancelled.
set -euo pipefail
: "${TOKEN:?set TOKEN to a personal API token from the account page}"
BASE_URL="${BASE_URL:-http://localhost:3000}"
POLL_SECONDS="${POLL_SECONDS:-5}"
cd "$(dirname "$0")/../.." # the repository root: the model's files are named from there

# The account page shows this function's curl command: it prints the response body, then the HTTP status.
submit() {
  curl -sS -w '\n%{http_code}\n' -H "Authorization: Bearer $TOKEN" \
    -F name="Demo CNN (API example)" -F family="CNN (demo)" -F training_data="synthetic shortcut scenes" \
    -F trained_on_human_maps=no -F preprocessing=unit-range -F num_classes=4 -F visibility=private \
    -F files=@models/demo/baseline/model.json -F files=@models/demo/baseline/group1-shard1of1.bin \
    "$BASE_URL/api/v1/submissions"
}

# GET with the token (a private model's job answers its owner only); the body, then the HTTP status.
get_job() {
  curl -sS -w '\n%{http_code}\n' -H "Authorization: Bearer $TOKEN" "$BASE_URL/api/v1/jobs/$1"
}

response=$(submit)
body=$(echo "$response" | sed '$d')
status=$(echo "$response" | tail -n 1)
echo "POST /api/v1/submissions: $status"
echo "$body"
if [ "$status" != 201 ]; then exit 1; fi

# The 201 body lists one job per benchmark the model was queued on, each with its status_url.
job_ids=$(echo "$body" | grep -o '"status_url":"/api/v1/jobs/[0-9]*"' | sed 's/.*jobs\/\([0-9]*\)"/\1/' | tr '\n' ' ')
echo "jobs: $job_ids"
exit_status=0
for id in $job_ids; do
  last=""
  while :; do
    response=$(get_job "$id")
    job=$(echo "$response" | sed '$d')
    if [ "$(echo "$response" | tail -n 1)" != 200 ]; then echo "GET /api/v1/jobs/$id: $job"; exit 1; fi
    state=$(echo "$job" | sed -n 's/^{"job":{"id":[0-9]*,"status":"\([a-z]*\)".*/\1/p')
    done_images=$(echo "$job" | grep -o '"progress":{"done":[0-9]*' | grep -o '[0-9]*$' || true)
    line="job $id: $state${done_images:+, $done_images images done}"
    if [ "$line" != "$last" ]; then echo "$line"; last="$line"; fi
    case "$state" in
      succeeded) echo "$job"; break ;;
      failed | cancelled) echo "$job"; exit_status=2; break ;;
    esac
    sleep "$POLL_SECONDS"
  done
done
exit "$exit_status"
