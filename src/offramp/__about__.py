"""Version of the package and of the extractor (bumped when coding output changes)."""

__version__ = "0.1.0"

#: Recorded with every stored signal; bump when the extraction rules or data change output.
EXTRACTOR_VERSION = "offramp-extract/0.1.0"
