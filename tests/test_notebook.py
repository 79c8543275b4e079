"""The analysts' notebook runs top to bottom on a real lake."""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from conftest import ROOT


def test_notebook_runs_on_the_sample_lake(sample_lake: Path, monkeypatch) -> None:
    monkeypatch.setenv("GEOEVENTS_LAKE", str(sample_lake))
    nb = nbformat.read(ROOT / "notebooks" / "explore_lake.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT / "notebooks")}}).execute()
    table = nb.cells[3].outputs[0]["data"]["text/plain"]
    assert "drone_strike" in table and "Tver" in table
    assert os.environ["GEOEVENTS_LAKE"] == str(sample_lake)
