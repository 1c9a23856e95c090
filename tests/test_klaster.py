"""The distributed path (issue 14): ``core.cluster.hitung_on_cluster`` runs the per-part unit
(``parts.compute_part``) on a dask.distributed LocalCluster of 2 worker processes and gives the
single machine's card, warnings and errors."""

from __future__ import annotations

import pytest
from bantuan import buku_sintetis

distributed = pytest.importorskip("distributed")  # in the test extra: skipped only elsewhere

from jpcli.core import pipeline  # noqa: E402
from jpcli.core.cluster import hitung_on_cluster  # noqa: E402
from jpcli.problems import InputError, JpError  # noqa: E402
from jpcli.render import machine  # noqa: E402
from jpcli.rules import load_rules  # noqa: E402

ATURAN = load_rules("lan-10-2018")


@pytest.fixture(scope="module")
def klien():
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def buku(tmp_path_factory):
    """3000 rows, about 100 employees, every jenis, a few broken rows (benchmark generator)."""
    return buku_sintetis(tmp_path_factory.mktemp("klaster"), 3000, benih=5)


def test_klaster_sama_dengan_satu_mesin(klien, buku):
    """Four parts computed by two workers: the same JSON as jp hitung on one machine (every
    employee's card and every warning with its row)."""
    one = pipeline.build_report(pipeline.load_ledger(buku, ATURAN), ATURAN, skip_errors=True)
    many = hitung_on_cluster(buku, klien, n_parts=4, skip_errors=True)
    assert machine.hitung_json(many) == machine.hitung_json(one)
    assert len(many.kartu) == 100
    assert sum(klien.run(lambda: 1).values()) == 2  # two workers did it


def test_klaster_menyebut_baris_salah_seperti_satu_mesin(klien, buku):
    """Without --lewati-salah the broken rows stop the run with the same errors, in the same
    order, as on one machine."""
    with pytest.raises(InputError) as one:
        pipeline.build_report(pipeline.load_ledger(buku, ATURAN), ATURAN)
    with pytest.raises(InputError) as many:
        hitung_on_cluster(buku, klien, n_parts=3)
    assert [str(m) for m in many.value.problems] == [str(m) for m in one.value.problems]
    assert len(one.value.problems) >= 1


def test_klaster_menolak_buku_kerja(klien, tmp_path):
    """A workbook is not cut into parts: the cluster path asks for CSV or Parquet."""
    from bantuan import KOLOM_CSV, NIP_A, tulis_xlsx

    path = tulis_xlsx(tmp_path / "b.xlsx", [KOLOM_CSV, [NIP_A, "B", "kursus", "", "10/03/2025",
                                                         "", 8, "K"]])  # fmt: skip
    with pytest.raises(JpError) as refused:
        hitung_on_cluster(path, klien)
    assert refused.value.code == "cluster_needs_table"
