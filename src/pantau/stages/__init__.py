"""Pipeline stages: each a pure function or a small class over typed records."""
