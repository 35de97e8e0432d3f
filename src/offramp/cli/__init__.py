"""The ``offramp`` command line: thin commands over the library.

Each command group lives in its own module and registers itself on :data:`main`.
Errors a user can cause end in a one-line message and exit status 2; bad records in the
input are reported, skipped and counted, and make the exit status 1.
"""

from __future__ import annotations

import sys

import click

from offramp.__about__ import __version__
from offramp.errors import OfframpError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class OfframpGroup(click.Group):
    """A click group that turns Offramp's own errors into clear messages."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OfframpError as err:
            click.echo(f"Error: {err}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.exit(0)
        except OSError as err:
            # a file that cannot be created, read or written: say which and why, no traceback
            where = f"{err.filename}: " if err.filename else ""
            click.echo(f"Error: {where}{err.strerror or err}", err=True)
            sys.exit(2)


@click.group(cls=OfframpGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "-V", "--version", prog_name="offramp")
def main() -> None:
    """Offramp reads statements by governments, militaries and armed groups and codes them
    into evidence-linked signals: who offered, demanded, threatened, refused or attacked
    whom, on what condition, and what stance that shows.

    \b
    Start with:
      offramp demo                      code the bundled sample statements
      offramp code article.txt          code your own documents (.jsonl, .txt, .html, folders)
      offramp ingest FILES              keep documents and signals in a store (offramp.duckdb)
      offramp shifts                    narrative shifts found in the store
      offramp scenarios                 weigh the scenario board against the evidence
      offramp brief --out brief.html    a brief to forward, with charts and quotes
      offramp serve                     the store as a dashboard and API in the browser
      offramp code --help               all options
      offramp spark-code --help         large corpora with Apache Spark
    """


def _register() -> None:
    from offramp.cli import analysis, code, demo, evaluate, report, spark, store, web

    for module in (code, demo, store, analysis, report, evaluate, web, spark):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
