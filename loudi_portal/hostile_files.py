"""Rules that refuse hostile files before anything reads them for real.

Shared by every upload and import (no queries, no settings): the control
characters a text may not carry (PostgreSQL refuses NUL in text and answers an
error; the others are invisible in a register and break CSV and XML exports),
the decompressed size of a zip-based Office file (a "zip bomb" inflates a few
kilobytes into gigabytes), and the number of cells an XLSX declares, counted by
streaming the sheets' XML with a budget, so a 44 KB file with 400,000 cells in
its first row is refused in milliseconds instead of being parsed for seconds.
"""

import re
import zipfile

ZIP = b"PK\x03\x04"  # OOXML (docx, xlsx) and OFD packages
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office / WPS container

# C0 controls and DEL, except tab, line feed and carriage return (ordinary in text).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# A cell element of SpreadsheetML (`<c r="A1" …>`, `<c/>`, `<x:c …>`), not `<col>` or `<cfRule>`.
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?c[\s/>]")
_CELL_MAX_LENGTH = 32  # longest text _CELL can match, so a tag split between two chunks is counted once
_CHUNK = 1024 * 1024


def has_control_characters(text: str) -> bool:
    """Whether `text` holds NUL or another invisible control character (tab and newlines are fine)."""
    return bool(CONTROL_CHARACTERS.search(text))


def head(upload, length: int = 16) -> bytes:
    """The first bytes of an uploaded file, leaving it at its start."""
    upload.seek(0)
    data = upload.read(length)
    upload.seek(0)
    return data


def zip_members(upload) -> list[zipfile.ZipInfo] | None:
    """The members a zip declares, or None if it is no readable zip (the file is left at its start)."""
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        upload.seek(0)


def inflates_too_far(upload, *, max_bytes: int, max_ratio: int, max_members: int, size: int) -> bool:
    """Whether a zip declares too many members or inflates beyond `max_bytes` or `max_ratio` × `size`.

    Judged by the sizes its directory declares: Python's zipfile never
    inflates a member beyond its declared size, so the declaration bounds
    every later read.
    """
    members = zip_members(upload) or []
    unzipped = sum(m.file_size for m in members)
    return len(members) > max_members or unzipped > max_bytes or unzipped > max_ratio * max(size, 1)


def xlsx_cells_over(upload, budget: int) -> bool:
    """Whether the XLSX's worksheets together hold more than `budget` cells (streams, stops at the budget).

    Counts `<c>` elements in every `xl/worksheets/*.xml` member in 1 MB
    chunks, without building any tree: a few milliseconds per megabyte.
    The dimension a sheet declares is not trusted (any program may write
    any value there).
    """
    count = 0
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            for name in archive.namelist():
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with archive.open(name) as member:
                    carry = b""
                    while chunk := member.read(_CHUNK):
                        data = carry + chunk
                        cut = max(len(data) - _CELL_MAX_LENGTH, 0)
                        # Count the tags starting before the cut; the rest are counted with the next chunk.
                        count += sum(1 for m in _CELL.finditer(data) if m.start() < cut)
                        carry = data[cut:]
                        if count > budget:
                            return True
                    count += len(_CELL.findall(carry))
                if count > budget:
                    return True
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False  # not a readable zip: the caller's magic-byte check refuses it
    finally:
        upload.seek(0)
    return count > budget
