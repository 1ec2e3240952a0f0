"""Files that a background job produces for the person who started it (an export, a rendered report).

A task that produces a file takes `person_id` among its arguments and calls `save_result(context, person_id=…,
file_name=…, content=…)`. The file is kept under GONGKAI_JOB_FILES_DIR/<person id>/<task id>/, outside the media
folder (nginx never serves it): only `result_file(person_id=…, task_id=…)` with the same person finds it again, so
the path itself is the access check. Writing is to a temporary name then a rename, so a retry or a second run of
the same task writes the same file again and a reader never sees half a file.
"""

import mimetypes
import os
import re
import tempfile
from pathlib import Path

from django.conf import settings

from .progress import task_id_of

TASK_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")
SAFE_NAME = re.compile(r"[^\w.\-]+")


def folder_of(person_id: int, task_id: str) -> Path | None:
    if not TASK_ID.match(task_id or ""):
        return None
    return Path(settings.GONGKAI_JOB_FILES_DIR) / str(int(person_id)) / task_id


def save_result(context, *, person_id: int, file_name: str, content: bytes) -> str:
    """Keep a job's result file for `person_id`; returns the task id the file is found under ("" without context)."""
    task_id = task_id_of(context) or ""
    folder = folder_of(person_id, task_id)
    if folder is None:
        return ""
    folder.mkdir(parents=True, exist_ok=True)
    name = SAFE_NAME.sub("_", file_name).strip("._") or "result"
    for old in folder.iterdir():
        if old.name != name:
            old.unlink(missing_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)
    Path(temporary).replace(folder / name)
    return task_id


def result_file(*, person_id: int, task_id: str) -> Path | None:
    """The file a job kept for this person, or None (another person's job, an unknown id, not finished yet)."""
    folder = folder_of(person_id, task_id)
    if folder is None or not folder.is_dir():
        return None
    files = [path for path in folder.iterdir() if not path.name.startswith(".")]
    return files[0] if files else None


def content_type_of(path: Path) -> str:
    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"{content_type}; charset=utf-8" if content_type.startswith("text/") else content_type
