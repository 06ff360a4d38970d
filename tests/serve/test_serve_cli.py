"""`pantau serve` on the command line: defaults to loopback, one-line errors, the demo's hint."""

from __future__ import annotations

import uvicorn
from typer.testing import CliRunner

from pantau.cli import app


def test_serve_cli_binds_loopback_by_default(store_path, monkeypatch):
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: calls.append(kw))
    result = CliRunner().invoke(app, ["serve", "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8000, "log_level": "warning", "access_log": False,
                     "proxy_headers": False}]
    assert "http://127.0.0.1:8000" in result.output


def test_serve_cli_warns_when_not_loopback(store_path, monkeypatch):
    monkeypatch.setattr(uvicorn, "run", lambda target, **kw: None)
    result = CliRunner().invoke(app, ["serve", "--db", str(store_path), "--host", "0.0.0.0", "--port", "9000"])
    assert result.exit_code == 0 and "not loopback" in result.output


def test_serve_cli_missing_store_is_one_line_error(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "E030" in result.output and "Traceback" not in result.output


def test_serve_cli_rejects_bad_port(store_path):
    assert CliRunner().invoke(app, ["serve", "--db", str(store_path), "--port", "70000"]).exit_code == 2
