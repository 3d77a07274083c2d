"""The evaluation gate: newstrace's output against the hand-checked gold corpus.

One concept per module:

* :mod:`~newstrace.eval.gold` — load and check ``*.gold.yaml`` files and their articles;
* :mod:`~newstrace.eval.codes` — a report's entity ids as gold actor codes (``RUS``, ``org:nato``);
* :mod:`~newstrace.eval.match` — align predicted events with gold events, one to one;
* :mod:`~newstrace.eval.metrics` — precision, recall, F1 and accuracy per field;
* :mod:`~newstrace.eval.plover` — the external check on the PLOVER gold-standard records;
* :mod:`~newstrace.eval.runner` — analyse a corpus with an engine and score it;
* :mod:`~newstrace.eval.floors` — the floors CI enforces;
* :mod:`~newstrace.eval.report` — the tables and the JSON object.

See docs/eval.md.
"""
