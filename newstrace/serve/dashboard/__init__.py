"""The dashboard at ``/``: pages served by the API's own process (docs/dashboard.md).

The pages are HTML shells with no inline script; their JavaScript (``static/``, written for
newstrace) calls the ``/api`` routes and draws with d3. The third-party scripts and the map
shapes come from npm packages installed by ``npm ci`` into ``node_modules/`` and are served
from an allow-list (:mod:`newstrace.serve.dashboard.assets`), never from the internet.
"""

from __future__ import annotations

from newstrace.serve.dashboard.pages import install

__all__ = ["install"]
