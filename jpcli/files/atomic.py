"""Writing output files safely: never over an input, never half-written, nothing left behind.

The output is written to a temporary file in the target folder and renamed into place. Whatever
stops the write (an error, a full disk, Ctrl+C, SIGTERM or SIGHUP) removes the temporary file and
leaves an older file of that name as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from jpcli import words
from jpcli.problems import JpError

# signals that end jp while it writes: the temporary file is removed first (Ctrl+C, SIGINT, is
# KeyboardInterrupt and unwinds by itself)
STOP_SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Stopped(BaseException):
    """A stop signal arrived while an output was written (BaseException: no ``except
    Exception`` on the way may swallow it)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _same(a: Path, b: Path) -> bool:
    """The same file: one path through another spelling (``..``, a symlink) or a hard link."""
    try:
        if a.exists() and b.exists() and os.path.samefile(a, b):
            return True
        return os.path.normcase(a.resolve()) == os.path.normcase(b.resolve())
    except (OSError, RuntimeError, ValueError):  # RuntimeError: a symlink loop
        return False


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Indonesian (its own text only for an uncommon error)."""
    code = f"os_{errno.errorcode.get(exc.errno or 0, '')}"
    if code in words.TEXT:
        return words.text(code)
    return words.text("os_other", (exc.strerror or exc,))


class _Stopper:
    """While an output is written: SIGTERM/SIGHUP raise ``Stopped`` (so the temporary files are
    removed on the way out) instead of ending the process at once. Inside ``held()`` (the
    temporary file being created and its name kept) a stop waits until the name is known."""

    def __init__(self):
        self.holding = False
        self.pending: int | None = None

    def handler(self, signum, frame):
        if self.holding:
            self.pending = signum
        else:
            raise Stopped(signum)

    @contextlib.contextmanager
    def held(self):
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending is not None:
            raise Stopped(self.pending)

    @contextlib.contextmanager
    def installed(self):
        """The handler in place for the signals jp may catch (only the main thread may set
        handlers; a signal jp was told to ignore, as ``nohup`` ignores SIGHUP, stays ignored);
        the previous handlers come back after."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        caught = [s for s in STOP_SIGNALS if signal.getsignal(s) is not signal.SIG_IGN]
        previous = [(s, signal.signal(s, self.handler)) for s in caught]
        try:
            yield self
        finally:
            for s, handler in previous:
                signal.signal(s, signal.SIG_DFL if handler is None else handler)


def _check_target(path: Path, inputs: Iterable[Path | str | None]) -> Path:
    """The folder ``path`` will be written in, after refusing an input, a missing folder, a
    folder as the target."""
    for source in inputs:
        if source is not None and _same(path, Path(source)):
            raise JpError("write_over_input", path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise JpError("output_folder_missing", folder)
    if path.is_dir():
        raise JpError("output_is_folder", path, path / "kartu.xlsx")
    return folder


def write_atomic(
    path: Path, write: Callable[[Path], None], inputs: Iterable[Path | str | None] = ()
) -> None:
    """Write through a temporary file in the target folder, then rename it into place.

    ``write`` receives the temporary path. If it fails, the temporary file is removed and
    whatever was at ``path`` before is untouched. ``inputs``: every file the command read
    (ledger, roster, rule file); writing over one of them is refused.
    """
    path = Path(path)
    folder = _check_target(path, inputs)
    tmp: Path | None = None
    try:
        with _Stopper().installed() as stopper:
            with stopper.held():
                try:
                    fd, tmp_name = tempfile.mkstemp(
                        prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=folder
                    )
                except OSError as exc:
                    reason = os_reason(exc)
                    raise JpError("output_folder_unwritable", path, folder, reason) from exc
                tmp = Path(tmp_name)
            os.close(fd)
            write(tmp)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
    except Stopped as stop:
        _remove(tmp)
        raise SystemExit(128 + stop.signum) from None
    except PermissionError as exc:
        _remove(tmp)
        raise JpError("output_permission", path, os_reason(exc)) from exc
    except OSError as exc:  # disk full, device gone, ...
        _remove(tmp)
        raise JpError("output_failed", path, os_reason(exc)) from exc
    except BaseException:
        _remove(tmp)
        raise


def _remove(tmp: Path | None) -> None:
    if tmp is not None:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
