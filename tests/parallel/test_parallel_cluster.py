"""Batches on the local pool and on a real Dask cluster (LocalCluster, two worker processes):
results in input order, a failure per input, nothing lost when a worker dies."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import cloudpickle
import pytest
from distributed import LocalCluster
from typer.testing import CliRunner

from imr.cli import app
from imr.errors import SchedulerError
from imr.parallel import map_ordered

# The workers of the cluster cannot import this test module: its functions travel by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])
ROOT = Path(__file__).resolve().parents[2]


def double_or_fail(value: int) -> int:
    if value == 3:
        raise ValueError("three is not allowed")
    return value * 2


def dies_once(arg: tuple[str, int]) -> int:
    """Kills its worker process the first time it sees 5 (a marker file remembers)."""
    marker, value = arg
    if value == 5 and not Path(marker).exists():
        Path(marker).touch()
        os._exit(1)
    return value * 2


def always_dies(value: int) -> int:
    if value == 2:
        os._exit(1)
    return value


def _failed(value: object, error: BaseException) -> str:
    return f"failed {value}: {type(error).__name__}"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as cluster:
        yield cluster.scheduler_address


def test_local_pool_reports_a_failure_per_input_and_goes_on() -> None:
    results = list(map_ordered(double_or_fail, list(range(8)), workers=2, on_error=_failed))
    assert results == [0, 2, 4, "failed 3: ValueError", 8, 10, 12, 14]


def test_local_pool_loses_nothing_when_a_worker_dies(tmp_path: Path) -> None:
    inputs = [(str(tmp_path / "died"), v) for v in range(10)]
    assert list(map_ordered(dies_once, inputs, workers=2, on_error=_failed)) == [v * 2 for v in range(10)]
    assert (tmp_path / "died").exists()


def test_local_pool_gives_up_on_inputs_that_keep_killing_workers() -> None:
    results = list(map_ordered(always_dies, [0, 1, 2, 3, 4], workers=2, min_inputs=2, on_error=_failed))
    assert results[:2] == [0, 1]
    assert all(str(r).startswith("failed") for r in results[2:3])
    assert len(results) == 5


def test_dask_results_come_back_in_input_order(scheduler: str) -> None:
    seen: list[int] = []
    inputs = [7, 1, 9, 4, 2, 8, 3, 6]
    results = list(map_ordered(abs, [-v for v in inputs], scheduler=scheduler, on_result=seen.append))
    assert results == inputs and seen == inputs


def test_dask_reports_a_failure_per_input_and_goes_on(scheduler: str) -> None:
    results = list(map_ordered(double_or_fail, list(range(6)), scheduler=scheduler, on_error=_failed))
    assert results == [0, 2, 4, "failed 3: ValueError", 8, 10]


def test_dask_loses_nothing_when_a_worker_dies(scheduler: str, tmp_path: Path) -> None:
    inputs = [(str(tmp_path / "died"), v) for v in range(10)]
    results = list(map_ordered(dies_once, inputs, scheduler=scheduler, on_error=_failed))
    assert results == [v * 2 for v in range(10)]
    assert (tmp_path / "died").exists()


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(SchedulerError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"):
        from imr.cluster import dask_map_ordered

        list(dask_map_ordered(abs, [1], "tcp://127.0.0.1:9", connect_timeout="2s"))


def test_imr_decide_on_the_cluster_matches_the_local_run(scheduler: str, tmp_path: Path) -> None:
    cases = [str(p) for p in sorted((ROOT / "examples").glob("case-*.json"))]
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    runner = CliRunner()
    local = runner.invoke(app, ["decide", *cases])
    remote = runner.invoke(app, ["decide", *cases[:1], str(broken), *cases[1:], "--scheduler", scheduler])
    assert remote.exit_code == 2, remote.output
    assert "broken.json" in remote.stderr and "not valid JSON" in remote.stderr
    strip = lambda out: [  # noqa: E731
        {k: v for k, v in json.loads(line).items() if k != "engine_version"} for line in out.splitlines()
    ]
    assert strip(remote.stdout) == strip(local.stdout)


def test_letters_with_credentials_date_and_worksheet_on_the_cluster_match_the_local_run(
    scheduler: str, tmp_path: Path
) -> None:
    """--scheduler with the letter options: the reviewer's credentials, the letter date and the
    worksheet travel to the workers, and each letter comes back with its worksheet beside it."""
    cases = [str(p) for p in sorted((ROOT / "examples").glob("case-*.json"))]
    profile = tmp_path / "reviewer.yaml"
    profile.write_text("id: rev-7\nname: Dr. Kept Confidential\nlicensure_states: [California]\n")
    options = ["-f", "md", "--reviewer", str(profile), "--letter-date", "2015-06-01", "--worksheet"]
    runner = CliRunner()
    local = runner.invoke(app, ["decide", *cases, *options, "-o", str(tmp_path / "local")])
    remote = runner.invoke(
        app, ["decide", *cases, *options, "-o", str(tmp_path / "remote"), "--scheduler", scheduler]
    )
    assert remote.exit_code == local.exit_code, remote.output
    written = sorted(p.name for p in (tmp_path / "local").iterdir())
    assert len(written) == 2 * len(cases) and sum(n.endswith("-worksheet.md") for n in written) == len(cases)
    assert sorted(p.name for p in (tmp_path / "remote").iterdir()) == written
    for name in written:
        assert (tmp_path / "remote" / name).read_text() == (tmp_path / "local" / name).read_text(), name
    letter = next(n for n in written if not n.endswith("-worksheet.md"))
    text = (tmp_path / "remote" / letter).read_text()
    assert "State(s) of Licensure: California" in text and "Date: draft of 6/1/2015" in text
    assert "Dr. Kept Confidential" not in text


def test_imr_letters_parse_on_the_cluster_matches_the_local_run(
    scheduler: str, seed_files: list[Path]
) -> None:
    files = [str(p) for p in seed_files]
    runner = CliRunner()
    local = runner.invoke(app, ["letters", "parse", *files])
    remote = runner.invoke(app, ["letters", "parse", *files, "--scheduler", scheduler])
    assert remote.exit_code == local.exit_code == 0
    normalise = lambda out: [{**json.loads(x), "source": None} for x in out.splitlines()]  # noqa: E731
    assert normalise(remote.stdout) == normalise(local.stdout)


def test_imr_intake_on_the_cluster_matches_the_local_run(scheduler: str, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "packets"))
    from packet_fixtures import build_packet, case_documents, text_case

    packets = [
        str(build_packet(case_documents(text_case(c)), tmp_path / f"{c}.pdf", scan=lambda d, p: False).path)
        for c in ("EX-ACU-0001", "seed-001")
    ]
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    runner = CliRunner()
    local = runner.invoke(app, ["intake", *packets])
    remote = runner.invoke(app, ["intake", packets[0], str(broken), packets[1], "--scheduler", scheduler])
    assert remote.exit_code == 2 and "broken.pdf: not a readable PDF" in remote.stderr
    assert remote.stdout == local.stdout
