"""``jp hitung`` with its parts computed on a dask.distributed cluster (``pip install
"jp[dask]"``).

The shuffle by NIP is the partitioning ``core.parts`` already does while it reads (rows routed by
a hash of the NIP into Parquet parts); each part is then computed by the same function as on one
machine, ``parts.compute_part``, on the cluster's workers, and the results are merged here. One
machine is enough up to tens of millions of rows (README, "Skala nasional"); a cluster helps
when the parts' computing, not the reading, is the long part.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from jpcli.core import parts
from jpcli.core.records import Report
from jpcli.files.columns import KEGIATAN
from jpcli.files.read import file_kind
from jpcli.problems import JpError
from jpcli.rules import RuleSet, load_rules


def hitung_on_cluster(
    path: str | Path,
    client,
    rules: RuleSet | None = None,
    n_parts: int | None = None,
    folder: str | Path | None = None,
    roster_path: str | Path | None = None,
    column: dict[str, str] | None = None,
    **compute,
) -> Report:
    """The year's card of a CSV or Parquet ledger, its parts computed on ``client``'s cluster
    (a ``dask.distributed.Client``). The result equals ``jp hitung``'s (tests/test_klaster.py).

    ``n_parts``: default two per worker, or more for a large file (``parts.auto_parts``).
    ``folder``: where the parts are written; on a cluster of several machines, a folder every
    worker can read (a shared disk), else the machine's temporary folder. ``compute``: year,
    target, skip_errors, approved_only, as ``pipeline.build_report`` takes them.
    """
    from jpcli.files.stream import NotStreamable, stream_csv, stream_parquet

    path = Path(path)
    rules = rules or load_rules()
    workers = len(client.scheduler_info().get("workers", {})) or 1
    n_parts = n_parts or max(2 * workers, parts.auto_parts(path))
    kind = file_kind(path)
    if kind not in ("csv", "parquet"):
        raise JpError("cluster_needs_table", path)
    stream = stream_csv if kind == "csv" else stream_parquet
    try:
        streamed = stream(path, str(path), KEGIATAN, column)
        return parts.parted_report(
            streamed,
            rules,
            n_parts,
            roster_path=Path(roster_path) if roster_path else None,
            runner=_on(client),
            folder=Path(folder) if folder else None,
            **compute,
        )
    except NotStreamable as exc:
        raise JpError("cluster_needs_table", path) from exc


def _on(client) -> parts.Runner:
    def run(compute_part, paths, header, rules, today: dt.date, approved_only: bool):
        futures = client.map(
            compute_part,
            [str(p) for p in paths],
            header=header,
            rules=rules,
            today=today,
            approved_only=approved_only,
            pure=False,
        )
        return client.gather(futures)

    return run
