"""`pantau serve`: a read-only JSON API and an offline dashboard over the event store."""

from __future__ import annotations

from pantau.serve.app import create_app

__all__ = ["create_app"]
