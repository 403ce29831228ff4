"""Bytes received but not yet used, consumed from the front without quadratic copying."""

from collections.abc import Callable
from typing import TypeVar

Result = TypeVar("Result")


class Pending:
    """A ``bytearray`` queue: append slices of any size, hand out fixed-size fronts."""

    __slots__ = ("_buffer",)

    def __init__(self) -> None:
        self._buffer = bytearray()

    def __len__(self) -> int:
        return len(self._buffer)

    def add(self, piece: bytes | bytearray | memoryview) -> None:
        """Append ``piece`` (copied once)."""
        self._buffer += piece

    def consume(self, size: int, use: Callable[[memoryview], Result]) -> Result:
        """Call ``use`` on a view of the first ``size`` bytes, then drop them (amortised O(1))."""
        with memoryview(self._buffer) as view, view[:size] as front:
            result = use(front)
        del self._buffer[:size]
        return result

    def take(self, size: int) -> bytes:
        """Remove and return the first ``size`` bytes."""
        return self.consume(size, bytes)
