"""What the local directory backend promises beyond the shared contract."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import InvalidBlobKey, LocalBlobStore, StorageUnavailable
from tests.storage.conftest import files_under
from tests.storage.payloads import MiB, UploadInterrupted, chunked, failing_after, new_key, payload


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


def test_blob_files_and_directories_are_private_whatever_the_umask(
    tmp_path: Path, permissive_umask: None
) -> None:
    root = tmp_path / "data" / "blobs"
    store = LocalBlobStore(root)
    store.put("documents/deep/er/" + "a" * 32, [b"x"])
    blob = root / "documents" / "deep" / "er" / ("a" * 32)
    assert mode_of(blob) == 0o600
    for directory in (root, root / "documents", root / "documents" / "deep", blob.parent):
        assert mode_of(directory) == 0o700, directory


def test_put_writes_a_hidden_temporary_file_beside_its_target(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    key = new_key()
    seen: list[str] = []

    def watched() -> Iterator[bytes]:
        yield b"first half"
        seen.extend(p.name for p in (tmp_path / "documents").iterdir())
        yield b"second half"

    store.put(key, watched())
    assert len(seen) == 1 and seen[0].startswith(".")
    assert files_under(tmp_path) == [key]


def test_failed_put_leaves_no_temporary_file(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    kept = new_key()
    store.put(kept, [b"kept"])
    with pytest.raises(UploadInterrupted):
        store.put(new_key(), failing_after(payload(3 * MiB), MiB))
    assert files_under(tmp_path) == [kept]


def test_symlink_leading_out_of_the_root_is_refused(tmp_path: Path) -> None:
    root, outside = tmp_path / "blobs", tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    (root / "documents").symlink_to(outside)
    store = LocalBlobStore(root)
    with pytest.raises(InvalidBlobKey):
        store.put("documents/" + "a" * 32, [b"escaped"])
    with pytest.raises(InvalidBlobKey):
        store.get("documents/" + "a" * 32)
    assert list(outside.iterdir()) == []


def test_list_shows_only_blobs_not_foreign_or_temporary_files(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    key = new_key()
    store.put(key, [b"blob"])
    (tmp_path / "documents" / ".put-abandoned").write_bytes(b"partial")
    (tmp_path / "README.TXT").write_text("not a blob")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x").write_bytes(b"")
    assert [info.key for info in store.list()] == [key]


def test_a_root_that_is_a_file_makes_the_store_unavailable(tmp_path: Path) -> None:
    root = tmp_path / "blobs"
    root.write_text("oops")
    store = LocalBlobStore(root)
    with pytest.raises(StorageUnavailable, match="blob directory") as caught:
        store.check()
    assert isinstance(caught.value.__cause__, OSError)
    with pytest.raises(StorageUnavailable) as caught:
        store.put(new_key(), [b"x"])
    assert isinstance(caught.value.__cause__, OSError)


def test_check_creates_a_missing_root_privately(tmp_path: Path) -> None:
    root = tmp_path / "new" / "blobs"
    LocalBlobStore(root).check()
    assert mode_of(root) == 0o700
    assert files_under(root) == []


def test_stored_bytes_are_exactly_the_blob(tmp_path: Path) -> None:
    store = LocalBlobStore(tmp_path)
    key, data = new_key(), payload(MiB + 5)
    store.put(key, chunked(data, 4096))
    assert (tmp_path / key).read_bytes() == data
