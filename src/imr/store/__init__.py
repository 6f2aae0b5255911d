"""Storage: SQLAlchemy 2 tables, Alembic migrations run on start, one transaction per workflow step.

SQLite file by default (`IMR_DATA_DIR` or ~/.local/share/imr), PostgreSQL when `IMR_DATABASE_URL` is set.
"""

from imr.store.database import database_url, upgrade
from imr.store.principal import Principal, Role
from imr.store.repository import Repository
from imr.store.store import Store

__all__ = ["Principal", "Repository", "Role", "Store", "database_url", "upgrade"]
