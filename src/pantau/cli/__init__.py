"""The `pantau` command line: thin commands over ``pantau.api``.

Exit codes: 0 done (even when some inputs were bad and reported), 1 nothing could
be read or a store/gold file error, 2 a usage error. Errors are one line, never a
traceback.
"""

from __future__ import annotations

import sys

import typer

from pantau.cli import demo, eval as eval_cmd, export, extract, serve
from pantau.cli import merge as merge_cmd, reprocess as reprocess_cmd, split as split_cmd
from pantau.cli import bench as bench_cmd
from pantau.cli.options import err_console, handle_errors
from pantau.errors import PantauError

__all__ = ["app", "main"]

app = typer.Typer(
    name="pantau",
    help="pantau: news articles in, ACLED-style coded conflict events out (offline; Indonesian and English).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
    pretty_exceptions_enable=False,
)
app.command("extract")(handle_errors(extract.extract))
app.command("export")(handle_errors(export.export))
app.command("eval")(handle_errors(eval_cmd.eval_command))
app.command("demo")(handle_errors(demo.demo))
app.command("bench")(handle_errors(bench_cmd.bench))
app.command("split")(handle_errors(split_cmd.split))
app.command("merge")(handle_errors(merge_cmd.merge))
app.command("reprocess")(handle_errors(reprocess_cmd.reprocess))
app.command("serve")(handle_errors(serve.serve))


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the app, turning pantau errors into one line and exit code 1."""
    try:
        app(args=argv, prog_name="pantau", standalone_mode=True)
    except PantauError as exc:
        err_console().print(f"pantau: {exc}", markup=False)
        return 1
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except KeyboardInterrupt:
        err_console().print("pantau: interrupted", markup=False)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
