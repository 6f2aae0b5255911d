"""Case views already serialised, kept in the worker process between requests.

A view is kept under the case's primary key together with its stamp: the case's version (every
write to a case moves it on, in the write's own transaction), its `updated_at`, and the day (the
deadline status depends on it). A read looks the stamp up in the database first and takes the kept
view only when the stamp is the same, so a write in any process retires the view at once; nothing
has to be told. The views say nothing about who may read them: the caller is checked on every read.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from dataclasses import dataclass

Stamp = tuple[int, dt.datetime, dt.date]


@dataclass(frozen=True, slots=True)
class CachedView:
    """A case's view as JSON, with the names of its parties (which a party's access depends on)."""

    body: bytes
    party_names: tuple[str, ...]


class ViewCache:
    """The latest view of up to `size` cases, the least recently read dropped first. Thread-safe:
    the server's worker threads share it."""

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._views: OrderedDict[int, tuple[Stamp, CachedView]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, case_pk: int, stamp: Stamp) -> CachedView | None:
        with self._lock:
            kept = self._views.get(case_pk)
            if kept is None or kept[0] != stamp:
                return None
            self._views.move_to_end(case_pk)
            return kept[1]

    def put(self, case_pk: int, stamp: Stamp, view: CachedView) -> None:
        with self._lock:
            self._views[case_pk] = (stamp, view)
            self._views.move_to_end(case_pk)
            while len(self._views) > self.size:
                self._views.popitem(last=False)

    def __len__(self) -> int:
        return len(self._views)
