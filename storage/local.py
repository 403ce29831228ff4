"""A blob store in a local directory (the embedded default).

Each key maps to the file ``<root>/<key>``. A put writes a temporary file whose
name starts with ``.`` (never a valid key) in the target's directory, fsyncs it,
renames it over the target with ``os.replace`` and fsyncs the directory, so a
crash leaves either the old blob or the new one. Directories are created 0700
and files 0600 whatever the umask.
"""

import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from storage.base import READ_CHUNK_SIZE, BlobInfo, validate_range
from storage.errors import BlobNotFound, InvalidBlobKey, StorageUnavailable
from storage.keys import validate_key, validate_prefix

TEMP_PREFIX = ".put-"
_DIR_MODE = 0o700
_FILE_MODE = 0o600


class LocalBlobStore:
    """Blobs as files under ``root``; see the module docstring for guarantees."""

    def __init__(self, root: Path) -> None:
        self._root = Path(root).absolute()

    def __repr__(self) -> str:
        return f"LocalBlobStore({str(self._root)!r})"

    def put(self, key: str, chunks: Iterable[bytes]) -> int:
        target = self._path_for(key)
        with _unavailable_on_os_error(key):
            self._make_private_dirs(target.parent)
            fd, temp_name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)
        temp = Path(temp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                written = _copy(chunks, out, key)
                with _unavailable_on_os_error(key):
                    out.flush()
                    os.fchmod(out.fileno(), _FILE_MODE)
                    os.fsync(out.fileno())
            with _unavailable_on_os_error(key):
                os.replace(temp, target)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        with _unavailable_on_os_error(key):
            _fsync_directory(target.parent)
        return written

    def get(self, key: str, start: int = 0, end: int | None = None) -> Iterator[bytes]:
        validate_range(start, end)
        path = self._path_for(key)
        with _unavailable_on_os_error(key), _not_found_on_missing_file(key):
            blob = path.open("rb")
        return _read_range(blob, start, end, key)

    def size(self, key: str) -> int:
        path = self._path_for(key)
        with _unavailable_on_os_error(key), _not_found_on_missing_file(key):
            status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            raise BlobNotFound(f"no blob stored under {key!r}")
        return status.st_size

    def exists(self, key: str) -> bool:
        path = self._path_for(key)
        with _unavailable_on_os_error(key):
            return path.is_file()

    def delete(self, key: str) -> None:
        path = self._path_for(key)
        with _unavailable_on_os_error(key):
            path.unlink(missing_ok=True)

    def list(self, prefix: str = "") -> Iterator[BlobInfo]:
        validate_prefix(prefix)
        directory, _, _ = prefix.rpartition("/")
        return self._walk(self._root / directory, prefix)

    def check(self) -> None:
        with _unavailable_on_os_error(f"blob directory {str(self._root)!r}"):
            self._make_private_dirs(self._root)
            with tempfile.TemporaryFile(prefix=TEMP_PREFIX, dir=self._root) as probe:
                probe.write(b"probe")
                os.fsync(probe.fileno())

    def _path_for(self, key: str) -> Path:
        """Map a key to its file, refusing anything (a symlink too) that leaves root."""
        path = self._root.joinpath(*validate_key(key).split("/"))
        if not path.resolve().is_relative_to(self._root.resolve()):
            raise InvalidBlobKey(f"blob key {key!r} leads outside the store")
        return path

    def _make_private_dirs(self, directory: Path) -> None:
        """Create ``directory`` and any missing parents up to and including root as 0700."""
        if directory.is_dir():
            return
        if directory != self._root:
            self._make_private_dirs(directory.parent)
        else:
            directory.parent.mkdir(parents=True, exist_ok=True)
        try:
            directory.mkdir(mode=_DIR_MODE)
        except FileExistsError:
            if not directory.is_dir():
                raise
        else:
            directory.chmod(_DIR_MODE)

    def _walk(self, top: Path, prefix: str) -> Iterator[BlobInfo]:
        with _unavailable_on_os_error(f"blob directory {str(self._root)!r}"):
            for directory, subdirectories, files in os.walk(top, onerror=_raise):
                subdirectories[:] = [d for d in subdirectories if not d.startswith(".")]
                for name in files:
                    info = self._info(Path(directory, name))
                    if info is not None and info.key.startswith(prefix):
                        yield info

    def _info(self, path: Path) -> BlobInfo | None:
        key = path.relative_to(self._root).as_posix()
        try:
            validate_key(key)
            status = path.stat()
        except (InvalidBlobKey, FileNotFoundError):
            return None
        modified = datetime.fromtimestamp(status.st_mtime, tz=UTC)
        return BlobInfo(key=key, size=status.st_size, modified=modified)


def _copy(chunks: Iterable[bytes], out: BinaryIO, key: str) -> int:
    """Write every chunk; the iterable's own exceptions pass through untouched."""
    written = 0
    for chunk in chunks:
        with _unavailable_on_os_error(key):
            out.write(chunk)
        written += len(chunk)
    return written


def _read_range(blob: BinaryIO, start: int, end: int | None, key: str) -> Iterator[bytes]:
    with blob, _unavailable_on_os_error(key):
        blob.seek(start)
        remaining = None if end is None else end - start
        while remaining is None or remaining > 0:
            wanted = READ_CHUNK_SIZE if remaining is None else min(remaining, READ_CHUNK_SIZE)
            piece = blob.read(wanted)
            if not piece:
                return
            if remaining is not None:
                remaining -= len(piece)
            yield piece


def _fsync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _raise(error: OSError) -> None:
    if not isinstance(error, FileNotFoundError):
        raise error


@contextmanager
def _not_found_on_missing_file(key: str) -> Iterator[None]:
    try:
        yield
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as error:
        raise BlobNotFound(f"no blob stored under {key!r}") from error


@contextmanager
def _unavailable_on_os_error(subject: str) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        raise StorageUnavailable(f"{subject}: {error.strerror or error}") from error
