"""Only the owner of the local cloud may use its AWS server: SigV4 is verified, as AWS does.

moto accepts any credentials. The local server runs on 127.0.0.1, where every local user can
reach it, and holds what privnet builds (API secrets in Secrets Manager included). So the
server is wrapped in :class:`SigV4Gate`, a WSGI middleware in front of moto's dispatcher:
a request passes only when its ``Authorization`` header is a SigV4 signature made with the
local cloud's own access key id and secret (new on every ``privnet local up``, in
``credentials.json``, 0600). The signature is recomputed from the request with botocore's
signer and compared in constant time. Everything is behind it, moto's own admin API
(``/moto-api/...``, including privnet's network-version counter) too.

A refused request gets the error a real AWS endpoint would give, in the service's format:
EC2 ``AuthFailure`` (401), query and REST-XML services ``InvalidClientTokenId`` /
``SignatureDoesNotMatch`` / ``MissingAuthenticationToken`` (403), JSON services
``UnrecognizedClientException`` / ``InvalidSignatureException`` /
``MissingAuthenticationTokenException`` (400). No moto code runs for it.
"""

from __future__ import annotations

import datetime
import hmac
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from hashlib import sha256
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ACCESS_KEY_ENV = "PRIVNET_LOCAL_AWS_ACCESS_KEY_ID"
SECRET_KEY_ENV = "PRIVNET_LOCAL_AWS_SECRET_ACCESS_KEY"

MAX_SKEW = datetime.timedelta(minutes=15)
"""AWS refuses a signature dated more than 15 minutes away from its clock."""

_AUTH = re.compile(
    r"^AWS4-HMAC-SHA256\s+Credential=(?P<credential>[^,\s]+)\s*,\s*"
    r"SignedHeaders=(?P<signed>[^,\s]+)\s*,\s*Signature=(?P<signature>[0-9a-fA-F]+)\s*$")

_PROTOCOLS = {"ec2": "ec2", "route53": "rest-xml", "sts": "query", "iam": "query",
              "route53resolver": "json", "secretsmanager": "json"}
"""Error format per signing name of the services privnet uses; others are guessed."""

_ERRORS = {
    # reason: (EC2, query/REST-XML, JSON) codes
    "missing": ("AuthFailure", "MissingAuthenticationToken",
                "MissingAuthenticationTokenException"),
    "unknown_key": ("AuthFailure", "InvalidClientTokenId", "UnrecognizedClientException"),
    "signature": ("AuthFailure", "SignatureDoesNotMatch", "InvalidSignatureException"),
    "expired": ("AuthFailure", "SignatureDoesNotMatch", "InvalidSignatureException"),
}
_MESSAGES = {
    "missing": "Request is missing Authentication Token",
    "unknown_key": "The security token included in the request is invalid.",
    "signature": "The request signature we calculated does not match the signature you "
                 "provided. Check your AWS Secret Access Key and signing method. Consult the "
                 "service documentation for details.",
    "expired": "Signature expired: the request's X-Amz-Date is more than 15 minutes away "
               "from the server's time.",
}
_EC2_MESSAGES = {
    "missing": "AWS was not able to validate the provided access credentials: "
               "the request is not signed",
    "unknown_key": "AWS was not able to validate the provided access credentials",
    "signature": "AWS was not able to validate the provided access credentials",
    "expired": _MESSAGES["expired"],
}


@dataclass(frozen=True)
class LocalAwsKey:
    """The one key pair the local AWS server accepts."""

    access_key_id: str
    secret_access_key: str = field(repr=False)

    @classmethod
    def from_credentials_file(cls, path: Path) -> LocalAwsKey:
        aws = json.loads(path.read_text())["aws"]
        return cls(aws["access_key_id"], aws["secret_access_key"])


@dataclass(frozen=True)
class Refusal:
    reason: str
    service: str | None


def _header(environ: dict[str, Any], name: str) -> str | None:
    key = name.upper().replace("-", "_")
    if key == "CONTENT_TYPE" or key == "CONTENT_LENGTH":
        value = environ.get(key)
    else:
        value = environ.get("HTTP_" + key)
    return None if value is None else str(value)


def _raw_path_and_query(environ: dict[str, Any]) -> tuple[str, str]:
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if raw:
        path, _, query = str(raw).partition("?")
        return path or "/", query
    from urllib.parse import quote

    path = str(environ.get("PATH_INFO", "/")).encode("latin-1").decode("utf-8", "replace")
    return quote(path, safe="/~!$&'()*+,;=:@%"), str(environ.get("QUERY_STRING", ""))


def verify(environ: dict[str, Any], body: bytes, key: LocalAwsKey,
           now: datetime.datetime | None = None) -> Refusal | None:
    """None when the request is signed by ``key`` (SigV4, header form); else why not."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest, HTTPHeaders
    from botocore.credentials import Credentials

    authorization = _header(environ, "Authorization") or ""
    match = _AUTH.match(authorization.strip())
    if match is None:
        return Refusal("missing", None)
    parts = match["credential"].split("/")
    if len(parts) != 5 or parts[4] != "aws4_request":
        return Refusal("missing", None)
    access_key, day, region, service, _ = parts
    if not hmac.compare_digest(access_key.encode(), key.access_key_id.encode()):
        return Refusal("unknown_key", service)
    stamp = _header(environ, "X-Amz-Date")
    try:
        when = datetime.datetime.strptime(stamp or "", "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.UTC)
    except ValueError:
        return Refusal("signature", service)
    current = now or datetime.datetime.now(datetime.UTC)
    if abs(current - when) > MAX_SKEW:
        return Refusal("expired", service)
    if day != (stamp or "")[:8]:
        return Refusal("signature", service)
    signed_names = match["signed"].lower().split(";")
    if "host" not in signed_names:
        return Refusal("signature", service)
    signed = HTTPHeaders()
    for name in signed_names:
        value = _header(environ, name)
        if value is None:
            return Refusal("signature", service)
        signed[name] = value
    content_hash = _header(environ, "X-Amz-Content-SHA256")
    if content_hash is not None and content_hash != "UNSIGNED-PAYLOAD" and \
            not hmac.compare_digest(content_hash.lower(), sha256(body).hexdigest()):
        return Refusal("signature", service)

    class _Recompute(SigV4Auth):  # type: ignore[misc]  # botocore is untyped
        def headers_to_sign(self, request: Any) -> Any:
            return signed

    path, query = _raw_path_and_query(environ)
    url = f"http://{signed['host']}{path}" + (f"?{query}" if query else "")
    request = AWSRequest(method=str(environ.get("REQUEST_METHOD", "GET")), url=url,
                         data=body, headers=dict(signed.items()))
    if content_hash is not None:
        request.headers["X-Amz-Content-SHA256"] = content_hash
    request.context["timestamp"] = stamp
    signer = _Recompute(Credentials(key.access_key_id, key.secret_access_key), service, region)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    if not hmac.compare_digest(expected, match["signature"].lower()):
        return Refusal("signature", service)
    return None


def _protocol(environ: dict[str, Any], body: bytes, service: str | None) -> str:
    if service in _PROTOCOLS:
        return _PROTOCOLS[service]
    if _header(environ, "X-Amz-Target"):
        return "json"
    path = str(environ.get("PATH_INFO", ""))
    if path.startswith("/moto-api"):
        return "json"
    if path.startswith("/2013-04-01/"):
        return "rest-xml"
    if b"Version=2016-11-15" in body:
        return "ec2"
    return "query"


def error_response(refusal: Refusal, environ: dict[str, Any],
                   body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body of AWS's answer to a request it cannot authenticate."""
    protocol = _protocol(environ, body, refusal.service)
    request_id = str(uuid.uuid4())
    ec2_code, xml_code, json_code = _ERRORS[refusal.reason]
    if protocol == "ec2":
        message = escape(_EC2_MESSAGES[refusal.reason])
        text = ('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>'
                f"<Code>{ec2_code}</Code><Message>{message}</Message></Error></Errors>"
                f"<RequestID>{request_id}</RequestID></Response>")
        return 401, [("Content-Type", "text/xml;charset=UTF-8")], text.encode()
    message = _MESSAGES[refusal.reason]
    if protocol == "json":
        payload = json.dumps({"__type": json_code, "message": message}).encode()
        status = 403 if str(environ.get("PATH_INFO", "")).startswith("/moto-api") else 400
        return status, [
            ("Content-Type", "application/x-amz-json-1.1"), ("x-amzn-RequestId", request_id),
            ("x-amzn-ErrorType", json_code)], payload
    text = ('<?xml version="1.0"?>\n<ErrorResponse><Error><Type>Sender</Type>'
            f"<Code>{xml_code}</Code><Message>{escape(message)}</Message></Error>"
            f"<RequestId>{request_id}</RequestId></ErrorResponse>")
    return 403, [("Content-Type", "text/xml"), ("x-amzn-RequestId", request_id)], text.encode()


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}

WsgiApp = Callable[[dict[str, Any], Any], Iterable[bytes]]


class SigV4Gate:
    """WSGI middleware: pass requests signed with ``key``, answer the rest as AWS would."""

    def __init__(self, app: WsgiApp, key: LocalAwsKey) -> None:
        self.app = app
        self.key = key

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        body = _read_body(environ)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        refusal = verify(environ, body, self.key)
        if refusal is None:
            return self.app(environ, start_response)
        status, headers, payload = error_response(refusal, environ, body)
        headers.append(("Content-Length", str(len(payload))))
        start_response(f"{status} {_REASONS.get(status, 'Error')}", headers)
        return [payload]


def _read_body(environ: dict[str, Any]) -> bytes:
    stream = environ.get("wsgi.input")
    if stream is None:
        return b""
    length = environ.get("CONTENT_LENGTH")
    if length:
        try:
            return bytes(stream.read(int(length)))
        except ValueError:
            return b""
    if environ.get("wsgi.input_terminated") or \
            str(environ.get("HTTP_TRANSFER_ENCODING", "")).lower() == "chunked":
        return bytes(stream.read())
    return b""


def sign_headers(method: str, url: str, key: LocalAwsKey, body: bytes = b"",
                 region: str = "us-east-1", service: str = "moto-api") -> dict[str, str]:
    """Headers that make a plain HTTP request (e.g. to ``/moto-api/...``) pass the gate."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    request = AWSRequest(method=method, url=url, data=body)
    SigV4Auth(Credentials(key.access_key_id, key.secret_access_key), service,
              region).add_auth(request)
    return {name: str(value) for name, value in request.headers.items()}
