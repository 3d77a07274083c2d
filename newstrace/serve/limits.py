"""The request size limit: a body over ``max_request_bytes`` is answered 413, unread.

A declared ``Content-Length`` over the limit is refused before a byte is read; a body without
one (chunked) is read up to the limit and refused as soon as it passes it. What was read is
handed on to the app unchanged.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newstrace.errors import RequestTooLarge
from newstrace.serve.errors import error_response


class BodyLimit:
    """ASGI middleware that refuses request bodies larger than ``limit`` bytes."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send, declared)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS") and not declared:
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            size += len(message.get("body", b""))
            if size > self.limit:
                await self._refuse(scope, receive, send, None)
                return
            if not message.get("more_body", False):
                break
        pending = iter(messages)

        async def replay() -> Message:
            try:
                return next(pending)
            except StopIteration:
                return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, size: int | None) -> None:
        said = f"is {size:,} bytes" if size is not None else "goes past the limit"
        response = error_response(
            RequestTooLarge.status,
            RequestTooLarge.code,
            f"request body {said}; the limit is {self.limit:,} bytes (NEWSTRACE_MAX_REQUEST_BYTES)",
        )
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    headers: Any = scope.get("headers") or []
    for name, value in headers:
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
