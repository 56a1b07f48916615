"""A local server's proof that it is the one that wrote its discovery notice (serve/discovery.py): the
notice carries a random token; the client sends a random challenge, the server answers with an HMAC of
it under the token, on the connection the report is then sent over (run/remote.py)."""
from __future__ import annotations

import hashlib
import hmac
import secrets

PROOF_HEADER = "X-Fzcheck-Proof"


def new_token() -> str:
    return secrets.token_hex(32)


def proof(token: str, challenge: str) -> str:
    """The server's answer to a challenge: it knows the token of the notice."""
    return hmac.new(token.encode("ascii"), b"fzcheck-proof\0" + challenge.encode("ascii"), hashlib.sha256).hexdigest()


def prove(connection, host: str, token: str) -> bool:
    """Asks the server at the other end of ``connection`` to prove it knows ``token``; on success the
    connection stays open for the next request and is never silently reopened to another peer."""
    import http.client

    challenge = secrets.token_hex(16)
    try:
        connection.request("GET", f"/healthz?challenge={challenge}", headers={"Host": host})
        response = connection.getresponse()
        answer, body = response.getheader(PROOF_HEADER) or "", response.read(8)
        proven = response.status == 200 and body == b"ok" and not response.will_close \
            and hmac.compare_digest(answer.encode("ascii", "replace"), proof(token, challenge).encode("ascii"))
    except (OSError, http.client.HTTPException, ValueError):
        return False
    connection.auto_open = 0  # a dropped connection raises instead of reconnecting, perhaps elsewhere
    return proven
