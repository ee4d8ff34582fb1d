"""The extractor: from an article's text to its diplomatic contacts."""

from contacts.extract.merge import Evidence, Mention
from contacts.extract.pipeline import EXTRACTOR_VERSION, Extraction, Tally, contract_lines, extract, tally_lines

__all__ = ["EXTRACTOR_VERSION", "Evidence", "Extraction", "Mention", "Tally", "contract_lines", "extract",
           "tally_lines"]
