"""Checks a leaderboard webhook's signature (see /docs/api#notifications).

In your receiver: verify(secret, request.headers, request.get_data()) before trusting the body.
From a shell: WEBHOOK_SECRET=whsec_... TIMESTAMP=... SIGNATURE=sha256=... python3 verify_webhook.py < body.json
"""
import hashlib
import hmac
import os
import sys
import time


def verify(secret: str, headers, raw_body: bytes, max_age_seconds: int = 300) -> bool:
    timestamp = headers["X-Leaderboard-Timestamp"]
    if abs(time.time() - int(timestamp)) > max_age_seconds:
        return False  # an old delivery replayed
    signed = timestamp.encode() + b"." + raw_body
    expected = "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["X-Leaderboard-Signature"])


if __name__ == "__main__":
    headers = {"X-Leaderboard-Timestamp": os.environ["TIMESTAMP"], "X-Leaderboard-Signature": os.environ["SIGNATURE"]}
    ok = verify(os.environ["WEBHOOK_SECRET"], headers, sys.stdin.buffer.read())
    print("valid" if ok else "INVALID")
    sys.exit(0 if ok else 1)
