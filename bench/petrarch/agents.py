"""How Offramp codes the agent phrases of a PETRARCH agents dictionary.

PETRARCH's agents (``PETR.Validate.agents.txt``) are nouns that give an actor its sector:
``MINISTER [~GOV]`` makes "the Gondor minister" GONGOV; ``HUMAN_RIGHTS_BODY [NGO~]`` puts NGO
in front. Offramp has no user-editable equivalent: sector nouns live in the packaged
``data/sectors.toml`` and are applied to the noun phrase. So the agents file is not converted;
this script checks instead what Offramp makes of each agent phrase, by coding
``"The Russian <phrase> criticised Ukraine on Monday."`` and reading the source's sector, and
compares it with PETRARCH's agent code mapped to Offramp's sectors
(``convert_actors.SECTOR_MAP``: COP, LEG, JUD and SPY are GOV in Offramp; EDU and LAB are CVL;
REL, MUS, ELI and the like have no Offramp sector).

Example:
    python bench/petrarch/agents.py ../shared/data/petrarch2_unittest/PETR.Validate.agents.txt
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from convert_actors import SECTOR_MAP, strip_comments

TEMPLATE = "The Russian {phrase} criticised Ukraine on Monday."


def read_agents(text: str) -> list[tuple[str, str]]:
    """(phrase, agent code) pairs; ``!SET!`` markers take the first word of their set.

    Example:
        >>> read_agents("!P! = MAN, MEN\\nCONGRESS!P! [~LEG]\\nMEDIA {} [~MED] # x\\n")
        [('congressman', 'LEG'), ('media', 'MED')]
        >>> read_agents("MSF {}  [NGO~]")
        [('MSF', 'NGO')]
    """
    sets: dict[str, str] = {}
    out = []
    for _, line in strip_comments(text.splitlines()):
        marker = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if marker:
            sets[marker.group(1)] = marker.group(2).split(",")[0].strip()
            continue
        if "[" not in line:
            continue
        phrase = re.sub(r"\{[^}]*\}", "", line[: line.index("[")])
        for mark, word in sets.items():
            phrase = phrase.replace(mark, word)
        phrase = re.sub(r"![A-Z]+!", "", phrase)  # a set never defined (!MINIST!)
        words = phrase.replace("_", " ").split()
        # lower case, except acronyms: short words without vowels ("MSF")
        phrase = " ".join(
            w if len(w) <= 4 and not set(w.lower()) & set("aeiou") else w.lower() for w in words
        )
        code = line[line.index("[") + 1 : line.index("]")].replace("~", "").strip()
        if phrase:
            out.append((phrase, code))
    return out


def petrarch_sector(code: str) -> str | None:
    """Offramp sector of an agent code: its last three-letter chunk that maps to one."""
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    mapped = [SECTOR_MAP[c] for c in chunks if c in SECTOR_MAP]
    return mapped[-1] if mapped else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("agents", type=Path, help="PETRARCH agents dictionary")
    args = parser.parse_args(argv)

    from offramp import Coder

    coder = Coder()
    rows = []
    for phrase, code in read_agents(args.agents.read_text(encoding="utf-8")):
        signals = coder.code(TEMPLATE.format(phrase=phrase))
        got = next((s.source for s in signals if s.source), None)
        rows.append((phrase, code, petrarch_sector(code), got.code if got else None))
    comparable = [r for r in rows if r[2]]
    same = [r for r in comparable if r[3] and r[3] == f"RUS{r[2]}"]
    print(
        f"{len(rows)} agent phrases; {len(comparable)} with a PETRARCH code that maps to an "
        f"Offramp sector; Offramp gives that sector (source RUS<sector>) for {len(same)}"
    )
    for phrase, code, want, got in rows:
        mark = "?" if want is None else ("=" if got == f"RUS{want}" else "x")
        print(f"  {mark} {phrase:32} ~{code:8} -> {want or '-':4}  Offramp: {got or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
