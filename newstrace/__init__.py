"""newstrace: international-security news to a structured, source-attributed record."""

__version__ = "0.1.0"
REPORT_SCHEMA = "newstrace.report/1"
