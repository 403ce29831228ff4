"""The BlobStore contract, written once and run on every backend.

Each spec runs on ``local``, ``minio`` and ``seaweedfs`` (see conftest.py).
S3 stores in these specs use 5 MiB parts, so sizes around 5 MiB exercise the
switch from one PutObject to a multipart upload.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta

import pytest

from storage import (
    READ_CHUNK_SIZE,
    BlobNotFound,
    BlobStore,
    InvalidBlobKey,
    S3BlobStore,
)
from tests.storage.conftest import Backend
from tests.storage.payloads import MiB, UploadInterrupted, chunked, failing_after, new_key, payload

ROUND_TRIP_SIZES = [0, 1, 1000, 5 * MiB - 1, 5 * MiB, 5 * MiB + 1, 11 * MiB + 7]


def read(store: BlobStore, key: str, start: int = 0, end: int | None = None) -> bytes:
    return b"".join(store.get(key, start, end))


@pytest.mark.parametrize("size", ROUND_TRIP_SIZES)
def test_put_then_get_returns_the_same_bytes(store: BlobStore, size: int) -> None:
    key, data = new_key(), payload(size)
    assert store.put(key, chunked(data, 64 * 1024)) == size
    assert read(store, key) == data
    assert store.size(key) == size


def test_chunk_boundaries_do_not_matter(store: BlobStore) -> None:
    pieces = [b"a", payload(3 * MiB, seed=1), b"", payload(4 * MiB + 5, seed=2), b"tail", b""]
    key = new_key()
    assert store.put(key, iter(pieces)) == sum(map(len, pieces))
    assert read(store, key) == b"".join(pieces)


def test_a_single_chunk_larger_than_a_part_is_stored_whole(store: BlobStore) -> None:
    key, data = new_key(), payload(12 * MiB + 3)
    assert store.put(key, [data]) == len(data)
    assert read(store, key) == data


def test_get_streams_pieces_of_at_most_one_mebibyte(store: BlobStore) -> None:
    key, data = new_key(), payload(5 * MiB + 1)
    store.put(key, [data])
    pieces = list(store.get(key))
    assert len(pieces) > 1
    assert max(map(len, pieces)) <= READ_CHUNK_SIZE
    assert b"".join(pieces) == data


RANGE_BLOB_SIZE = 10_000
RANGES = [
    (0, None), (0, 0), (0, 1), (0, 10), (10, 20), (4321, 8765), (9999, None),
    (9990, 10_000), (10_000, None), (10_000, 10_000), (5000, 20_000), (12_000, None),
    (20_000, 30_000),
]


def test_range_is_start_to_end_exclusive_and_clipped_like_a_slice(store: BlobStore) -> None:
    key, data = new_key(), payload(RANGE_BLOB_SIZE)
    store.put(key, [data])
    wrong = [
        (start, end) for start, end in RANGES if read(store, key, start, end) != data[start:end]
    ]
    assert wrong == []


def test_range_across_a_part_boundary(store: BlobStore) -> None:
    key, data = new_key(), payload(5 * MiB + 1000)
    store.put(key, chunked(data, 100_000))
    assert read(store, key, 5 * MiB - 100, 5 * MiB + 100) == data[5 * MiB - 100 : 5 * MiB + 100]
    assert read(store, key, 5 * MiB) == data[5 * MiB :]


@pytest.mark.parametrize(("start", "end"), [(0, None), (0, 10), (3, None)])
def test_any_range_of_an_empty_blob_is_empty(store: BlobStore, start: int, end: int | None) -> None:
    key = new_key()
    store.put(key, [])
    assert read(store, key, start, end) == b""


@pytest.mark.parametrize(("start", "end"), [(-1, None), (-5, 10), (5, 4)])
def test_negative_start_or_end_before_start_is_refused(
    store: BlobStore, start: int, end: int | None
) -> None:
    key = new_key()
    store.put(key, [b"0123456789"])
    with pytest.raises(ValueError):
        store.get(key, start, end)


@pytest.mark.parametrize(("start", "end"), [(0, None), (0, 0), (5, 10), (100, None)])
def test_get_of_a_missing_blob_raises_not_found_before_yielding(
    store: BlobStore, start: int, end: int | None
) -> None:
    with pytest.raises(BlobNotFound):
        store.get(new_key(), start, end)


def test_size_of_a_missing_blob_raises_not_found(store: BlobStore) -> None:
    with pytest.raises(BlobNotFound):
        store.size(new_key())


def test_exists_tells_a_stored_blob_from_a_missing_one(store: BlobStore) -> None:
    key = new_key()
    assert not store.exists(key)
    store.put(key, [b""])
    assert store.exists(key)
    assert not store.exists(new_key())


def test_deleted_blob_is_gone(store: BlobStore) -> None:
    key, other = new_key(), new_key()
    store.put(key, [b"secret"])
    store.put(other, [b"kept"])
    store.delete(key)
    assert not store.exists(key)
    with pytest.raises(BlobNotFound):
        store.get(key)
    assert read(store, other) == b"kept"


def test_deleting_a_missing_blob_is_not_an_error(store: BlobStore) -> None:
    key = new_key()
    store.delete(key)
    store.put(key, [b"x"])
    store.delete(key)
    store.delete(key)
    assert not store.exists(key)


def test_list_yields_keys_sizes_and_utc_modified_times_under_a_prefix(store: BlobStore) -> None:
    before = datetime.now().astimezone() - timedelta(seconds=2)
    documents = {new_key("documents"): 3, new_key("documents"): 5 * MiB + 1}
    thumbnail = new_key("thumbnails")
    for key, size in documents.items():
        store.put(key, chunked(payload(size), MiB))
    store.put(thumbnail, [b"t"])
    after = datetime.now().astimezone() + timedelta(seconds=2)

    listed = {info.key: info for info in store.list("documents/")}
    assert {key: info.size for key, info in listed.items()} == documents
    for info in listed.values():
        assert info.modified.utcoffset() == timedelta(0)
        assert before <= info.modified <= after
    assert {info.key for info in store.list()} == {*documents, thumbnail}


def test_list_prefix_may_end_inside_a_segment(store: BlobStore) -> None:
    store.put("documents/aa01", [b"1"])
    store.put("documents/ab02", [b"2"])
    store.put("documentsx/aa03", [b"3"])
    assert sorted(i.key for i in store.list("documents/a")) == ["documents/aa01", "documents/ab02"]
    assert sorted(i.key for i in store.list("documents/aa")) == ["documents/aa01"]
    assert sorted(i.key for i in store.list("documents")) == [
        "documents/aa01", "documents/ab02", "documentsx/aa03",
    ]


def test_list_of_an_unused_prefix_is_empty(store: BlobStore) -> None:
    store.put("documents/aa01", [b"x"])
    assert list(store.list("nothing/")) == []
    assert list(store.list("documents/zz")) == []


def test_put_over_an_existing_blob_replaces_it(store: BlobStore) -> None:
    key = new_key()
    store.put(key, chunked(payload(6 * MiB), MiB))
    store.put(key, [b"short"])
    assert read(store, key) == b"short"
    assert store.size(key) == 5
    assert [(i.key, i.size) for i in store.list()] == [(key, 5)]


FAILURE_POINTS = [0, 1000, 5 * MiB + 3]


@pytest.mark.parametrize("failure_point", FAILURE_POINTS)
def test_failed_put_leaves_nothing_behind(backend: Backend, failure_point: int) -> None:
    key = new_key()
    with pytest.raises(UploadInterrupted):
        backend.store.put(key, failing_after(payload(failure_point), 256 * 1024))
    assert not backend.store.exists(key)
    assert list(backend.store.list()) == []
    assert backend.residue() == []


def test_put_interrupted_by_keyboard_interrupt_leaves_nothing_behind(backend: Backend) -> None:
    def interrupted() -> Iterator[bytes]:
        yield from chunked(payload(6 * MiB), MiB)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        backend.store.put(new_key(), interrupted())
    assert backend.residue() == []


@pytest.mark.parametrize("failure_point", FAILURE_POINTS)
def test_failed_overwrite_keeps_the_old_blob(backend: Backend, failure_point: int) -> None:
    key, old = new_key(), payload(1000, seed=7)
    backend.store.put(key, [old])
    with pytest.raises(UploadInterrupted):
        backend.store.put(key, failing_after(payload(failure_point), 256 * 1024))
    assert read(backend.store, key) == old
    assert [i.key for i in backend.store.list()] == [key]
    assert [entry for entry in backend.residue() if key not in entry or "upload" in entry] == []


def test_blob_is_invisible_until_put_completes(store: BlobStore) -> None:
    key = new_key()
    observed: list[tuple[bool, list[str]]] = []

    def watched() -> Iterator[bytes]:
        yield from chunked(payload(6 * MiB), MiB)
        observed.append((store.exists(key), [i.key for i in store.list()]))
        yield b"end"

    store.put(key, watched())
    assert observed == [(False, [])]
    assert store.exists(key)


BAD_KEYS = [
    "", "../x", "/abs", "a/../b", "..", "a/..", "./a", "a/./b", ".hidden", "documents/",
    "a//b", "Documents/x", "documents/ABC", "ключ", "documents/é", "a\x00b", "a b", "a\\b",
    "a\nb", "a" * 256, "documents/" + "a" * 300,
]
OPERATIONS: dict[str, Callable[[BlobStore, str], object]] = {
    "put": lambda store, key: store.put(key, [b"x"]),
    "get": lambda store, key: store.get(key),
    "get range": lambda store, key: store.get(key, 1, 2),
    "size": lambda store, key: store.size(key),
    "exists": lambda store, key: store.exists(key),
    "delete": lambda store, key: store.delete(key),
}


def test_invalid_keys_are_refused_by_every_operation(backend: Backend) -> None:
    accepted = []
    for key in BAD_KEYS:
        for name, operation in OPERATIONS.items():
            try:
                operation(backend.store, key)
            except InvalidBlobKey:
                continue
            accepted.append((name, key))
    assert accepted == []
    assert backend.residue() == []


def test_invalid_blob_key_is_also_a_value_error(store: BlobStore) -> None:
    with pytest.raises(ValueError):
        store.put("../escape", [b"x"])


def test_invalid_list_prefixes_are_refused(store: BlobStore) -> None:
    accepted = []
    for prefix in ["../", "/documents", "Documents/", "a//", "..", "é"]:
        try:
            store.list(prefix)
        except InvalidBlobKey:
            continue
        accepted.append(prefix)
    assert accepted == []


def test_the_longest_valid_key_round_trips(store: BlobStore) -> None:
    key = "documents/" + "a" * 240 + "/" + "b" * 4
    assert len(key) == 255
    store.put(key, [b"long"])
    assert read(store, key) == b"long"
    assert [i.key for i in store.list()] == [key]


def test_check_passes_on_a_working_store_and_leaves_no_trace(backend: Backend) -> None:
    backend.store.check()
    assert backend.residue() == []
    assert list(backend.store.list()) == []


STREAM_SIZE = 64 * MiB
MEMORY_SLACK = 6 * MiB


def memory_ceiling(store: BlobStore) -> int:
    """What a streamed put may hold at once: an S3 store keeps the part being filled
    plus the parts in flight; a local one a single piece."""
    if isinstance(store, S3BlobStore):
        return (store.parts_in_flight + 1) * store.part_size + MEMORY_SLACK
    return 16 * MiB


@pytest.mark.slow
def test_streamed_put_and_get_of_64_mib_run_in_constant_memory(store: BlobStore) -> None:
    block = payload(64 * 1024)
    key = new_key()
    tracemalloc.start()
    try:
        started = time.monotonic()
        written = store.put(key, (block for _ in range(STREAM_SIZE // len(block))))
        put_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()
        read_bytes = sum(len(piece) for piece in store.get(key))
        get_peak = tracemalloc.get_traced_memory()[1]
        elapsed = time.monotonic() - started
    finally:
        tracemalloc.stop()
    assert written == read_bytes == STREAM_SIZE
    assert put_peak < memory_ceiling(store), f"put peaked at {put_peak / MiB:.1f} MiB"
    assert get_peak < memory_ceiling(store), f"get peaked at {get_peak / MiB:.1f} MiB"
    print(f"64 MiB put+get: {elapsed:.1f} s, peaks {put_peak / MiB:.1f} / {get_peak / MiB:.1f} MiB")
