"""The store stage: reports and article texts in SQLite or PostgreSQL (docs/store.md)."""

from newstrace.store.engine import make_engine, parse_url, safe_url
from newstrace.store.migrate import current_revision, head_revision, upgrade
from newstrace.store.repository import Store, open_store

__all__ = [
    "Store",
    "current_revision",
    "head_revision",
    "make_engine",
    "open_store",
    "parse_url",
    "safe_url",
    "upgrade",
]
