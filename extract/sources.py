"""What the user named on the command line, expanded into inputs to read.

Files, folders (recursively) and glob patterns, local or at any URL fsspec
knows ("memory://", "s3://"...), expand to one `Source` per file, in a sorted
order so that runs are repeatable. A ".gz" file is read decompressed; a ".zip"
archive is one input per member, named "archive.zip!member".
"""
from __future__ import annotations

import glob
import os
import posixpath
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

import fsspec

from extract.model import Reject


@dataclass(frozen=True)
class Source:
    """One input: `input` is its path as given or expanded, or its URL."""

    input: str
    archive: str | None = None  # the ".zip" holding this input, which is then its member
    member: str | None = None

    def open(self) -> BinaryIO:
        """The input's bytes as a stream, decompressed (raises OSError when it cannot be opened).

        A stream, so that a large dump is read line by line rather than held whole.
        """
        if self.archive is not None and self.member is not None:
            return zipfile.ZipFile(_open(self.archive, None)).open(self.member)
        return _open(self.input)


def _open(spec: str, compression: str | None = "infer") -> BinaryIO:
    """A file or URL opened for reading, decompressed as its suffix says unless told otherwise."""
    # A local path goes to the local file system as it is: fsspec.open would read
    # "::" in a file name as a chain of file systems.
    if _is_url(spec):
        return fsspec.open(spec, "rb", compression=compression).open()
    return fsspec.filesystem("file").open(spec, "rb", compression=compression)


def _is_url(spec: str) -> bool:
    return "://" in spec


def _walk(folder: str) -> list[str]:
    """Every file under `folder`, skipping hidden ones (".git", ".DS_Store"), sorted."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(os.path.join(root, f) for f in files if not f.startswith("."))
    return sorted(found)


def _expand_url(spec: str) -> list[str]:
    """The files a URL names: itself, or those under it (a folder) or matching it (a glob)."""
    try:
        fs, path = fsspec.core.url_to_fs(spec)
        if glob.has_magic(path):
            found = [p for p in fs.glob(path) if fs.isfile(p)]
        elif fs.isdir(path):
            found = [p for p in fs.find(path) if not posixpath.basename(p).startswith(".")]
        else:
            return [spec]
    except (OSError, ValueError):  # a URL that cannot be listed is read as one input
        return [spec]
    return sorted(fs.unstrip_protocol(p) for p in found)


def _members(path: str) -> list[Source] | Reject:
    """One Source per file of a ".zip" archive, or a Reject when it is not one."""
    try:
        with _open(path, None) as handle, zipfile.ZipFile(handle) as archive:
            names = sorted(i.filename for i in archive.infolist()
                           if not i.is_dir() and not posixpath.basename(i.filename).startswith("."))
    except (OSError, zipfile.BadZipFile, EOFError) as error:
        return Reject(input=path, reason="malformed", detail=f"not a readable zip archive: {error}")
    if not names:
        return Reject(input=path, reason="empty", detail="the zip archive holds no files")
    return [Source(input=f"{path}!{name}", archive=path, member=name) for name in names]


def _expand(spec: str) -> list[str]:
    if _is_url(spec):
        return _expand_url(spec)
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
            if not _is_url(path):  # one spelling per file, so the ledger knows it however it is named
                path = os.path.abspath(path)
            key = path if _is_url(path) else os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            if path.lower().endswith(".zip"):
                members = _members(path)
                yield from [members] if isinstance(members, Reject) else members
            else:
                yield Source(input=path)
