"""``offramp eval``: measure extraction against a gold file."""

from __future__ import annotations

import json

import click


@click.command("eval")
@click.option(
    "--gold",
    "gold",
    required=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="Gold file in the format of ../shared/eval/dev.jsonl.",
)
@click.option("--json", "as_json", is_flag=True, help="Print everything as one JSON object.")
@click.option(
    "--scorer",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="The evaluation scorer (default: ../shared/eval/score.py, or $OFFRAMP_SCORER).",
)
@click.option(
    "--worst",
    type=click.IntRange(0, 1000),
    default=25,
    show_default=True,
    help="How many of the worst misses to list.",
)
@click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="Extra actor dictionary (JSONL); repeatable.",
)
def eval_command(
    gold: str, as_json: bool, scorer: str | None, worst: int, actor_files: tuple[str, ...]
) -> None:
    """Code a gold file's documents and score the result.

    Prints the scorer's figures next to the accuracy bars, a confusion matrix of event
    types, and the worst misses with their evidence. Exits 0 whatever the figures: it is
    a measuring tool, not a test.

    \b
    Example:
      offramp eval --gold ../shared/eval/dev.jsonl
    """
    from offramp.evaluate import evaluate, format_report
    from offramp.extract.coder import Coder

    result = evaluate(gold, coder=Coder(actor_files=actor_files), scorer_path=scorer, worst=worst)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=1, sort_keys=True, default=str))
    else:
        click.echo(format_report(result, gold_path=gold))


COMMANDS = [eval_command]
