"""Upload bodies as iterators of plaintext chunks, never spooled to disk.

Starlette's form parsing writes file parts over 1 MiB to a temporary file, so
it is never used for files: raw bodies are read from `request.stream()`, and
browser forms are parsed in streaming with python-multipart's `MultipartParser`.
The domain consumes a *synchronous* iterator in a worker thread; `pull` bridges
the request's async stream into it, one chunk at a time.
"""

from __future__ import annotations

from collections import deque
from collections.abc import AsyncIterator, Iterator

import anyio.from_thread
from python_multipart.multipart import MultipartParser, parse_options_header

from vault.errors import InvalidInput

MAX_FIELD = 4096


def pull(stream: AsyncIterator[bytes]) -> Iterator[bytes]:
    """Iterate an async byte stream from a worker thread."""
    while True:
        try:
            chunk = anyio.from_thread.run(stream.__anext__)
        except StopAsyncIteration:
            return
        if chunk:
            yield chunk


class FormStream:
    """The single file part of a multipart/form-data body, streamed.

    `open()` reads until the file's first bytes and returns the small fields
    sent before it (csrf_token, title, category); `chunks()` then yields the
    file's content as it arrives.
    """

    def __init__(self, content_type: str, body: Iterator[bytes]) -> None:
        _, options = parse_options_header(content_type)
        boundary = options.get(b"boundary")
        if not boundary:
            raise InvalidInput("a multipart body needs a boundary")
        self._body = body
        self._pending: deque[bytes] = deque()
        self._fields: dict[str, str] = {}
        self._headers: dict[bytes, bytes] = {}
        self._header_field = b""
        self._part: tuple[str, str | None] | None = None
        self._field_value = bytearray()
        self._files = 0
        self.filename: str | None = None
        self.content_type: str | None = None
        self._parser = MultipartParser(boundary, {
            "on_part_begin": self._part_begin,
            "on_header_field": lambda d, s, e: self._add_field_name(d[s:e]),
            "on_header_value": lambda d, s, e: self._add_header_value(d[s:e]),
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_finished,
            "on_part_data": lambda d, s, e: self._data(d[s:e]),
            "on_part_end": self._part_end,
        })

    def open(self) -> dict[str, str]:
        while self._files == 0:
            chunk = next(self._body, None)
            if chunk is None:
                raise InvalidInput("the form holds no file")
            self._parser.write(chunk)
        return dict(self._fields)

    def chunks(self) -> Iterator[bytes]:
        while True:
            while self._pending:
                yield self._pending.popleft()
            chunk = next(self._body, None)
            if chunk is None:
                self._parser.finalize()
                while self._pending:
                    yield self._pending.popleft()
                return
            self._parser.write(chunk)

    def _part_begin(self) -> None:
        self._headers, self._header_field, self._field_value = {}, b"", bytearray()

    def _add_field_name(self, data: bytes) -> None:
        self._header_field += data

    def _add_header_value(self, data: bytes) -> None:
        key = self._header_field.lower()
        self._headers[key] = self._headers.get(key, b"") + data

    def _header_end(self) -> None:
        self._header_field = b""

    def _headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if filename is not None:
            self._files += 1
            if self._files > 1:
                raise InvalidInput("send one file per upload")
            self.filename = filename.decode("utf-8", "replace")
            self.content_type = self._headers.get(b"content-type", b"").decode("latin-1") or None
        self._part = (name, None if filename is None else self.filename)

    def _data(self, data: bytes) -> None:
        if self._part is not None and self._part[1] is not None:
            self._pending.append(bytes(data))
            return
        self._field_value += data
        if len(self._field_value) > MAX_FIELD:
            raise InvalidInput("a form field is too long")

    def _part_end(self) -> None:
        if self._part is not None and self._part[1] is None:
            self._fields[self._part[0]] = self._field_value.decode("utf-8", "replace")
        self._part = None
