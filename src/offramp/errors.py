"""Offramp's exceptions and the messages users see.

Every error a user can cause ends in one of these exceptions, never in a traceback. The
CLI catches :class:`OfframpError` and prints its message; library callers catch at the
level they care about::

    OfframpError                 anything Offramp raises on purpose
    ├── InputError               a document or input file cannot be read (names file and line)
    ├── ConfigError              a data file the user supplied (actors, boards) is invalid
    ├── UsageError               an option or argument has a value Offramp cannot use
    ├── StoreError               the database cannot be opened, is locked, or is not Offramp's
    └── CodingError              coding stopped: a document failed, or a worker process died

Messages carry a code (``E101``) so they can be searched for in the docs and filtered in
logs. Each template says what went wrong and, where it can, how to fix it.
"""

from __future__ import annotations


class OfframpError(Exception):
    """Base class: an error Offramp reports to the user in one clear message."""

    code = "E000"

    def __init__(self, message: str, *, where: str | None = None, code: str | None = None) -> None:
        self.message = message
        self.where = where
        if code is not None:
            self.code = code
        super().__init__(self.__str__())

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message} [{self.code}]"


class InputError(OfframpError):
    """A document, a line of a JSONL file or a whole input file cannot be read."""

    code = "E100"


class ConfigError(OfframpError):
    """A data file the user supplied (actors, scenario board, ...) is not valid."""

    code = "E200"


class UsageError(OfframpError):
    """An option has a value Offramp cannot use; the message lists the valid values."""

    code = "E300"


class StoreError(OfframpError):
    """The database cannot be opened or written."""

    code = "E400"


class CodingError(OfframpError):
    """Coding could not go on: a document made the extractor fail, or a worker process died."""

    code = "E500"


# Message templates, one place for the wording users read. Keys are the codes.
MESSAGES: dict[str, str] = {
    "E101": "invalid JSON ({detail}); each line of a .jsonl file must be one JSON object",
    "E102": "expected a JSON object with 'id' and 'text', got {kind}",
    "E103": "missing '{field}' (each document needs a non-empty string 'id' and 'text')",
    "E104": "'{field}' must be a string, got {kind}",
    "E105": "empty text: nothing to code",
    "E106": "duplicate document id {doc_id!r} (first seen at {first}); keeping the first",
    "E107": "not UTF-8 text ({detail}); convert it first, e.g. iconv -f latin1 -t utf-8",
    "E108": "cannot read: {detail}",
    "E109": "no such file or directory (check the spelling; use - to read standard input)",
    "E110": "unsupported file type {suffix!r}; Offramp reads .jsonl, .json, .txt, .md, .html, .htm",
    "E111": "no main text found in the HTML page (an index page, or one that loads its text "
    "with JavaScript?)",
    "E112": "'published' must be a date like 2025-11-22 or an ISO timestamp, got {value}; "
    "kept the document without a date",
    "E113": "looks like a binary file, not text (it has NUL bytes near the start); Offramp reads "
    "UTF-8 .jsonl, .json, .txt, .md and .html files",
    "E114": "too large: {what} is over the {limit} limit; {hint}",
    "E115": "invalid JSON ({detail}); a .json file must hold one JSON object or an array of "
    "objects, so nothing after this point was read",
    "E116": "'{field}' should be a string, got {kind}; left it out",
    "E117": "cannot decode the page as {encoding}, the charset it declares ({detail}); fix the "
    "declaration or convert the page to UTF-8",
    "E118": "{encoding} text ({detail}); Offramp reads UTF-8, so convert it first, e.g. "
    "iconv -f {encoding} -t UTF-8",
    "E119": "the HTML extractor failed on this page ({detail})",
    "E120": "already read as {first}; not reading it again",
    "E121": "'{field}' has a \\u escape for half of a UTF-16 surrogate pair (a character cut "
    "in two), which is not valid text; replaced it with U+FFFD",
    "E130": "not in English: looks like {language} ({evidence}); Offramp's rules read English "
    "only, so it was skipped rather than mis-coded. Add --any-language to code it anyway",
    "E131": "took longer than the time budget of {budget} s per document and was skipped after "
    "coding {share} of its {size} characters; split it into smaller documents or raise the "
    "budget with --time-budget SECONDS (0: no limit)",
    "E132": "the text has lone UTF-16 surrogates (characters cut in two), which is not valid "
    "Unicode; replace them (e.g. text.encode('utf-8', 'replace').decode()) and code it again",
    "E201": "invalid JSON ({detail})",
    "E202": "actor entry needs {field}",
    "E203": "actor code {code!r} does not follow the convention: ISO3 country + sector "
    "(e.g. RUSGOV, UKRMIL) or an organisation code (UNO, NATO, EU)",
    "E204": "sector {sector!r} is not one of {valid}",
    "E205": "unknown entry type {kind!r}; use one of {valid}",
    "E206": "'{field}' must be {expected}, got {kind}",
    "E207": "unknown field {field!r} in a {kind} entry; the fields are {valid}",
    "E208": "{value!r} is not an ISO 3166-1 alpha-3 country code (e.g. RUS, UKR; Kosovo is XKX, "
    "Palestine PSE)",
    "E209": "'{field}' must be a date like 2025-11-22 (or 2025-11, or 2025), got {value!r}",
    "E210": "'valid_from' {valid_from!r} is after 'valid_until' {valid_until!r}",
    "E211": "actor code {value!r} is a country without a sector; add one, e.g. {value}GOV or "
    "{value}MIL",
    "E212": "cannot read the actor file ({detail})",
    "E213": "{what} is defined twice in this file (first at line {first}); merge the two entries",
    "E214": "each line must be one JSON object (an actor entry), got {kind}",
    "E220": "cannot read the scenario board ({detail})",
    "E221": "not valid TOML: {detail}",
    "E222": "{key} is missing; {hint}",
    "E223": "{key} must be {expected}, got {got}",
    "E224": "unknown key {key!r} in {section}{suggestion}; the keys there are {valid}",
    "E225": "{what} {name!r} is defined twice; each needs its own name",
    "E226": "{key}: give exactly one of 'issue' (a stance) or 'event_type' (PLOVER types)",
    "E227": "{key}: unknown issue {value!r}{suggestion}; the issues are {valid}",
    "E228": "{key}: unknown event type {value!r}{suggestion}; the PLOVER types are {valid}",
    "E229": "{key}: unknown actor {value!r}{suggestion}; give a country code (RUS), an actor "
    "code (RUSGOV, PSEREB, UNO) or a name Offramp knows (Russia, Hamas)",
    "E230": "{key}: {value!r} is not a scenario of this board{suggestion}; the scenarios are "
    "{valid}",
    "E231": "{key}: {value!r} is not a direction; use one of {valid}",
    "E232": "{key} expects the same under every scenario, so no evidence on it can tell them "
    "apart (non-diagnostic in ACH terms); give at least two scenarios different directions",
    "E233": "{key} must be a date like 2025-11-22, got {value!r}",
    "E234": "{key} ({value}) is after {other_key} ({other}); swap them",
    "E235": "a board needs at least two scenarios to weigh against each other, got {count}",
    "E301": "{option} must be a date like 2025-11-22, got {value!r}",
    "E302": "{option} must be one of {valid}, got {value!r}",
    "E303": "cannot tell the brief's format from {value!r}; end the file name in {valid}",
    "E310": "unknown actor {value!r}{suggestion}. Give a country code (RUS), an actor code "
    "(RUSGOV, PSEREB, UNO) or a name Offramp knows (Russia, the Kremlin, Hamas)",
    "E311": "unknown issue {value!r}{suggestion}; the issues are {valid}",
    "E312": "{option} ({value}) is after {other_option} ({other}); swap them",
    "E320": "OFFRAMP_TOKEN is too short ({length} characters); use at least {minimum}, e.g. "
    "python3 -c 'import secrets; print(secrets.token_urlsafe())'",
    "E321": "the web dashboard needs the 'web' extra ({missing} is not installed); install it "
    "with: {hint}",
    "E401": "no Offramp store here; create one with: offramp ingest FILES --db {path} "
    "(or point OFFRAMP_DB at an existing store)",
    "E402": "the store is busy: {holder} has it open, and it stayed busy for {seconds:g} s. "
    "Try again in a moment (an ingest lets readers in between its batches)",
    "E403": "another ingest is writing to this store ({holder}); wait for it to finish, "
    "or add --wait to start as soon as it does",
    "E404": "this DuckDB file has tables but is not an Offramp store; give --db a new file name",
    "E405": "this store has schema version {version}, newer than this Offramp understands "
    "({supported}); upgrade Offramp",
    "E406": "cannot open this file as a DuckDB database ({detail})",
    "E407": "this store was written by an older Offramp (schema version {version}); run a "
    "writing command once to upgrade it, e.g. offramp recode --db {path}",
    "E408": "cannot write the store ({detail})",
    "E330": "Spark support is not installed ({name} is missing); install it with: "
    "pip install 'offramp[spark]'  (Spark also needs Java 17 or newer)",
    "E331": "cannot tell whether {path} holds JSONL or Parquet documents; name the files "
    ".jsonl or .parquet, or pass --input-format",
    "E332": "{path} already exists; choose another OUTPUT, or pass --overwrite to replace it",
    "E333": "two --actors files are both named {name}; Spark ships files by name, so rename one",
    "E334": "Spark could not start ({detail}); it needs Java 17 or newer: check that "
    "'java -version' works, or set JAVA_HOME",
    "E501": "coding document {doc_id!r} failed ({detail}). This is a bug in Offramp; please "
    "report it with this document. To code the rest now, remove the document from the input",
    "E502": "a worker process stopped unexpectedly while coding documents {first} to {last} "
    "({detail}); it may have run out of memory: try fewer --workers",
    "E503": "the worker processes could not start ({detail})",
    "E504": "the Spark job failed: {detail}",
}


def message(code: str, /, **fields: object) -> str:
    """The text of message ``code`` with its fields filled in."""
    return MESSAGES[code].format(**fields)


def input_error(code: str, /, *, where: str | None = None, **fields: object) -> InputError:
    """An :class:`InputError` carrying message ``code``."""
    return InputError(message(code, **fields), where=where, code=code)


def config_error(code: str, /, *, where: str | None = None, **fields: object) -> ConfigError:
    """A :class:`ConfigError` carrying message ``code``."""
    return ConfigError(message(code, **fields), where=where, code=code)


def coding_error(code: str, /, *, where: str | None = None, **fields: object) -> CodingError:
    """A :class:`CodingError` carrying message ``code``."""
    return CodingError(message(code, **fields), where=where, code=code)


def store_error(code: str, /, *, where: str | None = None, **fields: object) -> StoreError:
    """A :class:`StoreError` carrying message ``code``."""
    return StoreError(message(code, **fields), where=where, code=code)


def usage_error(code: str, /, **fields: object) -> UsageError:
    """A :class:`UsageError` carrying message ``code``."""
    return UsageError(message(code, **fields), code=code)
