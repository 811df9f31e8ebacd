"""jobs.plan: the one place that chooses process counts and chunk sizes."""

from __future__ import annotations

import multiprocessing

import pytest

from sitroom.jobs import plan
from sitroom.jobs.plan import MULTIPROCESS_MIN_TEXTS, Plan, default_processes, plan_for


@pytest.fixture
def idle_two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(plan.os, "getloadavg", lambda: (0.2, 0.2, 0.2))


def test_small_batches_run_in_one_process(idle_two_cores: None) -> None:
    assert default_processes(3) == 1
    assert default_processes(MULTIPROCESS_MIN_TEXTS - 1) == 1
    assert default_processes(MULTIPROCESS_MIN_TEXTS) == 2


def test_worker_count_follows_spare_cores(
    idle_two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert default_processes(1000) == 2
    monkeypatch.setattr(plan.os, "getloadavg", lambda: (3.5, 3.0, 3.0))
    assert default_processes(1000) == 1


def test_never_more_than_the_cores_or_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plan.os, "getloadavg", lambda: (0.0, 0.0, 0.0))
    monkeypatch.setattr(plan.os, "cpu_count", lambda: 1)
    assert default_processes(1000) == 1
    monkeypatch.setattr(plan.os, "cpu_count", lambda: 64)
    assert default_processes(1000) == plan.MAX_PROCESSES


def test_a_daemonic_process_never_forks(
    idle_two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(multiprocessing.current_process(), "daemon", True)
    assert default_processes(1000) == 1


def test_plan_carries_every_size(idle_two_cores: None) -> None:
    found = plan_for(1000)
    assert found == Plan(
        processes=2,
        fork_chunk=plan.FORK_CHUNK,
        spacy_batch=plan.SPACY_BATCH,
        local_batch=plan.LOCAL_BATCH,
        task_batch=plan.DASK_TASK_BATCH,
    )
    assert plan_for(1000, processes=1).processes == 1
    with pytest.raises(ValueError, match="at least 1"):
        plan_for(10, processes=0)


@pytest.mark.issue(13)
def test_ingest_pipelines_from_a_few_inputs_and_sizes_its_lookahead(
    idle_two_cores: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = plan.ingest_plan(plan.INGEST_MIN_INPUTS - 1)
    assert alone == plan.IngestPlan(processes=1, ingest_lookahead=plan.INGEST_CHUNK)
    found = plan.ingest_plan(plan.INGEST_MIN_INPUTS)
    assert found == plan.IngestPlan(
        processes=2,
        ingest_lookahead=2 * plan.INGEST_LOOKAHEAD * plan.INGEST_CHUNK,
        chunk=plan.INGEST_CHUNK,
        dask_lookahead=plan.DASK_INGEST_LOOKAHEAD,
    )
    assert found.ingest_lookahead >= 2 * found.chunk  # each worker has a chunk queued
    monkeypatch.setattr(plan.os, "getloadavg", lambda: (3.5, 3.0, 3.0))
    assert plan.ingest_plan(1000).processes == 1  # a busy machine: no second worker
    assert plan.ingest_plan(1000, processes=2).processes == 2  # unless asked for
    with pytest.raises(ValueError, match="at least 1"):
        plan.ingest_plan(10, processes=0)
