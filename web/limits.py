"""Request body limits, enforced before and while the body is read.

The JSON API is answered at once when `Content-Length` is over the limit. A
page's form goes on to its route with a body that refuses to be read: the
route explains `TooLarge` in an HTML page, in the person's language.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from vault.errors import TooLarge
from web.errors import body, is_api

UPLOAD_PATHS = ("/api/v1/documents", "/documents/new")
DEPOSIT_UPLOAD = re.compile(r"^/api/v1/deposit-links/[0-9a-f]{32}/files$")


class BodyLimit:
    """Refuses a body over the limit: at once when Content-Length says so, else when the count passes it."""

    def __init__(self, app: ASGIApp, upload_bytes: int, other_bytes: int) -> None:
        self.app = app
        self.upload_bytes = upload_bytes
        self.other_bytes = other_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self._limit(scope)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            if scope["method"] == "POST" and not is_api(scope["path"]):
                await self.app(scope, refused_body(limit), send)
                return
            response = body("too_large", f"the request body is larger than {limit} bytes", 413)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise TooLarge(f"the request body is larger than {limit} bytes")
            return message

        await self.app(scope, counting_receive, send)

    def _limit(self, scope: Scope) -> int:
        if scope["method"] == "POST" and (scope["path"] in UPLOAD_PATHS or DEPOSIT_UPLOAD.match(scope["path"])):
            return self.upload_bytes + 64 * 1024
        return self.other_bytes


def refused_body(limit: int) -> Receive:
    async def receive() -> Message:
        raise TooLarge(f"the request body is larger than {limit} bytes")

    return receive
