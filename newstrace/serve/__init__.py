"""The serve stage: the REST API over the store (docs/api.md).

:func:`create_app` builds the FastAPI app; ``newstrace serve`` runs it (or answers one request
with ``--get``). Routes live in :mod:`newstrace.serve.routes`, one module per resource; what
they depend on in :mod:`~newstrace.serve.deps`; what they answer in
:mod:`~newstrace.serve.schemas`; errors are translated in :mod:`~newstrace.serve.errors`.
"""

from newstrace.serve.app import create_app
from newstrace.serve.deps import Analyser, Services

__all__ = ["Analyser", "Services", "create_app"]
