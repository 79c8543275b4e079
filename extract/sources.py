"""What the user named on the command line, expanded into inputs to read.

Files, folders (recursively) and glob patterns expand to one `Source` per file,
in a sorted order so that runs are repeatable. A `Source` reads through fsspec,
so a URL ("s3://...", "https://...") given as a spec is read as one input and
a ".gz" file is read decompressed; expanding remote folders and archives is
left for when an input needs it.
"""
from __future__ import annotations

import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import fsspec

from extract.model import Reject


@dataclass(frozen=True)
class Source:
    """One input: `input` is its path as given or expanded, or its URL."""

    input: str

    def open(self) -> BinaryIO:
        """The input's bytes as a stream, decompressed (raises OSError when it cannot be opened).

        A stream, so that a large dump is read line by line rather than held whole.
        """
        # A local path goes to the local file system as it is: fsspec.open would read
        # "::" in a file name as a chain of file systems.
        if _is_url(self.input):
            return fsspec.open(self.input, "rb", compression="infer").open()
        return fsspec.filesystem("file").open(self.input, "rb", compression="infer")


def _is_url(spec: str) -> bool:
    return "://" in spec


def _walk(folder: str) -> list[str]:
    """Every file under `folder`, skipping hidden ones (".git", ".DS_Store"), sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
    return sorted(found)


def _expand(spec: str) -> list[str]:
    if _is_url(spec):
        return [spec]
    if os.path.isfile(spec):
        return [spec]
    if os.path.isdir(spec):
        return _walk(spec)
    if glob.has_magic(spec):
        paths: list[str] = []
        for match in sorted(glob.glob(spec, recursive=True)):
            if os.path.isdir(match):
                paths.extend(_walk(match))
            elif os.path.isfile(match):  # glob skips hidden names itself
                paths.append(match)
        return paths
    return []


def iter_sources(specs: list[str]) -> Iterator[Source | Reject]:
    """A Source per file the specs name, each once; a Reject ("missing") per spec naming nothing."""
    seen: set[str] = set()
    for spec in specs:
        paths = _expand(spec)
        if not paths:
            what = "folder holds no files" if os.path.isdir(spec) else "no file or folder matches"
            yield Reject(input=spec, reason="missing", detail=f"{what}: {spec}")
        for path in paths:
            key = path if _is_url(path) else os.path.realpath(path)
            if key not in seen:
                seen.add(key)
                yield Source(input=path)
