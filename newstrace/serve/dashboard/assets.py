"""Where the dashboard's files are: its own (``static/``) and the npm packages' (``node_modules``).

Only the files named in :data:`VENDOR` are served from ``node_modules``: a name maps to one
path inside one package, so no request can reach any other file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

#: The repository root (``newstrace`` is installed in place, ``pip install -e``), where
#: ``npm ci`` puts ``node_modules``.
ROOT = HERE.parents[2]
NODE_MODULES = ROOT / "node_modules"


@dataclass(frozen=True, slots=True)
class VendorFile:
    """One file of an npm package, served at ``/vendor/<name>``."""

    package: str
    path: str
    media_type: str

    def location(self, node_modules: Path = NODE_MODULES) -> Path:
        return node_modules / self.package / self.path


#: ``/vendor/<name>`` → the file of an npm package (pinned in package.json / package-lock.json).
VENDOR: dict[str, VendorFile] = {
    "d3.min.js": VendorFile("d3", "dist/d3.min.js", "text/javascript"),
    "topojson-client.min.js": VendorFile(
        "topojson-client", "dist/topojson-client.min.js", "text/javascript"
    ),
    "countries-110m.json": VendorFile("world-atlas", "countries-110m.json", "application/json"),
}


def missing_vendor_files(node_modules: Path = NODE_MODULES) -> list[str]:
    """The names of :data:`VENDOR` whose file is not installed (empty when ``npm ci`` ran)."""
    return [name for name, file in VENDOR.items() if not file.location(node_modules).is_file()]
