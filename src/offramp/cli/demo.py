"""``offramp demo``: code the bundled sample statements and the founding article."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

import click

from offramp.cli.options import stderr_report
from offramp.cli.output import print_table

#: Where the founding article is looked for when --seed is not given (a checkout with
#: ../shared beside it).
SEED_GLOBS = ("../shared/seed/*.txt", "shared/seed/*.txt")
SEED_DATE = "2025-11-22"


def sample_corpus_path() -> Path:
    """The packaged sample corpus (a dozen short statements from several conflicts)."""
    return Path(str(resources.files("offramp.data").joinpath("sample/statements.jsonl")))


def find_seed() -> Path | None:
    for pattern in SEED_GLOBS:
        base = Path.cwd()
        hits = sorted(base.glob(pattern))
        if hits:
            return hits[0]
    return None


@click.command("demo")
@click.option(
    "--seed",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="The founding article to code along with the samples "
    "(default: ../shared/seed/*.txt when present).",
)
@click.option(
    "--width", type=click.IntRange(min=40), default=None, help="Table width in characters."
)
def demo_command(seed: str | None, width: int | None) -> None:
    """Code the bundled sample statements (and the founding article) and show the signals."""
    from offramp.extract.coder import Coder
    from offramp.readers import iter_documents

    paths: list[str] = [str(sample_corpus_path())]
    seed_path = Path(seed) if seed else find_seed()
    report = stderr_report()
    documents = list(iter_documents(paths, report=report))
    if seed_path is not None:
        documents += list(iter_documents([str(seed_path)], date=SEED_DATE, report=report))
    click.echo(
        f"Coding {len(documents)} documents: "
        f"{len(documents) - (seed_path is not None)} sample statements"
        + (f" and the founding article ({seed_path})" if seed_path else "")
        + " ...",
        err=True,
    )
    coder = Coder()
    signals = [s for _, batch in coder.iter_code(documents) for s in batch]
    print_table(
        signals,
        sys.stdout,
        title=f"{len(signals)} signals from {len(documents)} documents",
        width=width,
    )
    conditional = [s for s in signals if s.condition is not None]
    click.echo("")
    click.echo(
        f"{len(signals)} signals; {len(conditional)} conditional offers or threats; "
        f"{sum(1 for s in signals if s.attributed_by)} commentary items (not counted as acts)."
    )
    click.echo("")
    click.echo("What to try next:")
    click.echo(
        f"  offramp code {paths[0]} > signals.jsonl      # the same, as SIGNALS.md JSON lines"
    )
    click.echo("  offramp code my_article.txt --date 2025-11-22 --format table")
    click.echo("  offramp code my_folder/ --actors my_actors.jsonl   # add actors of your own")
    click.echo("  offramp --help                                     # every command")
    if report.failed:
        sys.exit(1)


COMMANDS = [demo_command]
