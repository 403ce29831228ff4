"""The prefetching thread behind large downloads: pieces arrive in order, at most `depth`
ahead of the reader; an error reaches the reader; a reader that stops early stops the thread."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator

import pytest

from web.content import Prefetched


def counted(total: int, made: list[int]) -> Iterator[bytes]:
    for n in range(total):
        made.append(n)
        yield n.to_bytes(4, "big")


def test_pieces_arrive_in_order_and_no_more_than_depth_ahead() -> None:
    made: list[int] = []

    async def read() -> list[bytes]:
        pieces = Prefetched(counted(50, made), depth=3)
        got = []
        async for piece in pieces:
            await asyncio.sleep(0.01)
            # queued (3) + the one being read + the one the thread holds until there is room
            assert len(made) - len(got) <= 3 + 2
            got.append(bytes(piece))
        return got

    assert asyncio.run(read()) == [n.to_bytes(4, "big") for n in range(50)]


def test_an_error_in_the_source_reaches_the_reader_after_what_came_before() -> None:
    def failing() -> Iterator[bytes]:
        yield b"first"
        raise OSError("storage went away")

    async def read() -> list[bytes]:
        got = []
        async for piece in Prefetched(failing()):
            got.append(bytes(piece))
        return got

    with pytest.raises(OSError, match="storage went away"):
        asyncio.run(read())


def test_a_reader_that_stops_early_stops_the_thread() -> None:
    made: list[int] = []

    async def read_two() -> Prefetched:
        pieces = Prefetched(counted(10_000, made), depth=2)
        reader = pieces.__aiter__()
        await reader.__anext__()
        await reader.__anext__()
        await reader.aclose()
        return pieces

    before = threading.active_count()
    asyncio.run(read_two())
    deadline = time.monotonic() + 5
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert threading.active_count() == before
    assert len(made) < 10


def test_nothing_runs_until_someone_reads() -> None:
    made: list[int] = []

    async def build_only() -> None:
        Prefetched(counted(10, made))
        await asyncio.sleep(0.2)

    asyncio.run(build_only())
    assert made == []
