"""Shared fixtures: one Prefect test server per session, one lake built from the samples.

PREFECT_HOME points at a temporary folder before prefect is imported, so the
tests never touch a user's Prefect database.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="geoevents-prefect-")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test scores against ../shared, which a bare clone lacks")
    return path


@pytest.fixture(scope="session")
def prefect_server():
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@pytest.fixture(scope="session")
def sample_lake(prefect_server, tmp_path_factory) -> Path:
    """The lake `geoevents run data/samples` builds, made once for the session."""
    from flows.pipeline import run_pipeline

    lake = tmp_path_factory.mktemp("lake")
    run_pipeline([str(SAMPLES)], lake=str(lake))
    return lake


@pytest.fixture
def scratch_lake(tmp_path) -> Path:
    lake = tmp_path / "lake"
    yield lake
    shutil.rmtree(lake, ignore_errors=True)
