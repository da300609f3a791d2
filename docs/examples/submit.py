"""Submits the committed demo model (models/demo/baseline: a TF.js layers CNN with 4 output classes) through
POST /api/v1/submissions with a personal API token (create one on /account), then polls each evaluation job with
GET /api/v1/jobs/{id} until it has finished. Needs Python 3 and requests.

    TOKEN=hlp_... BASE_URL=http://localhost:3000 python3 docs/examples/submit.py

The same submission as docs/examples/submit.sh (see there why preprocessing=unit-range and visibility=private).
Exit status: 0 when every job succeeded, 1 when the submission was refused, 2 when a job failed or was cancelled.
"""
import json
import os
import sys
import time
from pathlib import Path

import requests

TOKEN = os.environ["TOKEN"]
BASE_URL = os.environ.get("BASE_URL", "http://localhost:3000").rstrip("/")
POLL_SECONDS = float(os.environ.get("POLL_SECONDS", "5"))
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "demo" / "baseline"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

fields = {
    "name": "Demo CNN (API example)",
    "family": "CNN (demo)",
    "training_data": "synthetic shortcut scenes",
    "trained_on_human_maps": "no",
    "preprocessing": "unit-range",
    "num_classes": "4",
    "visibility": "private",
}
names = ["model.json", "group1-shard1of1.bin"]
files = [("files", (name, (MODEL_DIR / name).read_bytes())) for name in names]

res = requests.post(f"{BASE_URL}/api/v1/submissions", headers=AUTH, data=fields, files=files, timeout=600)
print(f"POST /api/v1/submissions: {res.status_code}")
print(res.text, flush=True)
if res.status_code != 201:
    sys.exit(1)

exit_status = 0
for job in res.json()["jobs"]:
    last = None
    while True:
        status = requests.get(f"{BASE_URL}/api/v1/jobs/{job['id']}", headers=AUTH, timeout=60)
        if status.status_code != 200:
            print(f"GET /api/v1/jobs/{job['id']}: {status.status_code} {status.text}")
            sys.exit(1)
        current = status.json()["job"]
        line = f"job {current['id']}: {current['status']}, {current['progress']['done']} images done"
        if line != last:
            print(line, flush=True)
            last = line
        if current["status"] in ("succeeded", "failed", "cancelled"):
            print(json.dumps(current))
            if current["status"] != "succeeded":
                exit_status = 2
            break
        time.sleep(POLL_SECONDS)
sys.exit(exit_status)
