"""One sync engine per data folder: an exclusive ``flock`` on ``sync.lock`` in the folder.

The outbox's own transactions keep two engines from corrupting it, but two engines would
upload the same attachments twice and race each other's submissions; this lock is the second
guard. ``flock`` (not POSIX ``lockf``) because it belongs to the open file, so a second engine
in the same process is refused too, and the kernel drops it when the holder dies (SIGKILL
included): a stale lock file never blocks a restart. The holder writes its pid into the file
so the refusal can name it.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

LOCK_NAME = "sync.lock"


class OutboxLocked(RuntimeError):
    """Another sync engine holds the data folder; ``holder_pid`` is its process (None: unknown)."""

    def __init__(self, path: Path, holder_pid: int | None) -> None:
        who = f"process {holder_pid}" if holder_pid is not None else "another process"
        super().__init__(f"another sync engine ({who}) is already using {path.parent}")
        self.path = path
        self.holder_pid = holder_pid


def _holder(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


class OutboxLock:
    """The exclusive lock of one data folder; ``acquire`` or use ``held()``."""

    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock now or raise OutboxLocked naming the holder."""
        if self._fd is not None:
            return
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = _holder(fd)
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutboxLocked(self.path, holder) from None
            raise
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        """Give the lock up (the file stays; an unlocked file means nobody holds it)."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        os.close(fd)

    @contextlib.contextmanager
    def held(self) -> Iterator[OutboxLock]:
        """Hold the lock for a ``with`` block."""
        self.acquire()
        try:
            yield self
        finally:
            self.release()


__all__ = ["LOCK_NAME", "OutboxLock", "OutboxLocked"]
