"""Writing output files safely: never over an input, never half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from jpcli.problems import JpError


def _same(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(
    path: Path, write: Callable[[Path], None], inputs: Iterable[Path | None] = ()
) -> None:
    """Write through a temporary file in the target folder, then rename it into place.

    ``write`` receives the temporary path. If it fails, the temporary file is removed and
    whatever was at ``path`` before is untouched.
    """
    path = Path(path)
    for source in inputs:
        if source is not None and (
            _same(path, Path(source)) or path.resolve() == Path(source).resolve()
        ):
            raise JpError("write_over_input", path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise JpError("output_folder_missing", folder)
    if path.is_dir():
        raise JpError("output_is_folder", path, path / "kartu.xlsx")
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{path.stem}.", suffix=f".tmp{path.suffix}", dir=folder
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except PermissionError as exc:
        tmp.unlink(missing_ok=True)
        raise JpError("output_permission", path, exc.strerror) from exc
    except OSError as exc:  # disk full, device gone, ...
        tmp.unlink(missing_ok=True)
        raise JpError("output_failed", path, exc.strerror or exc) from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
