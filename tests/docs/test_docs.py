"""The documentation is checked, not trusted (CONVENTIONS.md, habit 7).

Every CLI command and option, every setting, every error code and every knowledge file is
documented; the README's quick start is exactly ``make demo`` and ``make test``; every relative
link points to a file that exists; every ``newstrace ...`` example names a real command and real
options; and the stage packages keep the layering of DESIGN.md (a stage never imports a later
one). When one of these tests fails, fix the docs (or the import), not the test.
"""

from __future__ import annotations

import ast
import re
import shlex
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import typer

from newstrace import errors
from newstrace.cli import app
from newstrace.nlp.knowledge import RESOURCE_FILES, WEAPON_CATEGORIES, resources_dir
from newstrace.pipeline import AnalysisFailed
from newstrace.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
PACKAGE = ROOT / "newstrace"
README = ROOT / "README.md"
MARKDOWN_FILES = [p for p in [README, *sorted(DOCS.glob("*.md"))] if p.exists()]


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _sections(text: str, level: int = 2) -> dict[str, str]:
    """Heading line (without the #s) -> the text up to the next heading of the same level or higher."""
    out: dict[str, str] = {}
    heading: str | None = None
    body: list[str] = []
    in_code = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            in_code = not in_code
        match = None if in_code else re.match(r"^(#{1,6})\s+(.*)$", line)
        if match and len(match.group(1)) <= level:
            if heading is not None:
                out[heading] = "\n".join(body)
            heading = match.group(2).strip() if len(match.group(1)) == level else None
            body = []
        elif heading is not None:
            body.append(line)
    if heading is not None:
        out[heading] = "\n".join(body)
    return out


def _has_token(text: str, token: str) -> bool:
    """``token`` appears in ``text`` as a whole word (``--db`` is not found in ``--dbx``)."""
    return re.search(rf"(?<![\w-]){re.escape(token)}(?![\w-])", text) is not None


def _code_blocks(text: str) -> Iterator[str]:
    yield from re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.S | re.M)


# ---------------------------------------------------------------------------------------------
# (1) docs/cli.md: every command, argument and option
# ---------------------------------------------------------------------------------------------

CLI_DOC = DOCS / "cli.md"
# Typer ships its own copy of click, so commands and parameters are read by duck typing.
COMMANDS: dict[str, Any] = dict(sorted(cast(Any, typer.main.get_command(app)).commands.items()))


def _command_sections() -> dict[str, str]:
    """Command name -> its section of docs/cli.md (headings like ``## `newstrace analyze` ``)."""
    out = {}
    for heading, body in _sections(_read(CLI_DOC)).items():
        match = re.fullmatch(r"`newstrace ([a-z][a-z-]*)[^`]*`.*", heading)
        if match:
            out[match.group(1)] = body
    return out


def _params(command: Any) -> list[Any]:
    return [p for p in command.params if not getattr(p, "hidden", False)]


PARAMS = [(name, param) for name, command in COMMANDS.items() for param in _params(command)]


def test_cli_doc_has_a_section_per_command() -> None:
    sections = _command_sections()
    assert sorted(sections) == sorted(COMMANDS), (
        "docs/cli.md needs one '## `newstrace COMMAND`' section per command, and none for "
        "commands that do not exist"
    )


@pytest.mark.parametrize(("command", "param"), PARAMS, ids=[f"{c}:{p.name}" for c, p in PARAMS])
def test_cli_doc_names_every_option_and_argument(command: str, param: Any) -> None:
    section = _command_sections().get(command, "")
    if param.param_type_name == "argument":
        metavar = (param.name or "").upper()
        assert _has_token(section, metavar), f"argument {metavar} of '{command}' not in docs/cli.md"
        return
    for opt in [*param.opts, *param.secondary_opts]:
        if opt == "--help":
            continue
        assert _has_token(section, opt), f"option {opt} of '{command}' not in docs/cli.md"


def test_cli_doc_states_exit_statuses_and_streams() -> None:
    text = _read(CLI_DOC)
    assert re.search(r"^## Exit status", text, flags=re.M)
    for status in ("0", "1", "2"):
        assert re.search(rf"^\|\s*`?{status}`?\s*\|", text, flags=re.M), f"exit status {status}"
    assert "standard output" in text.lower() and "standard error" in text.lower()


def _example_commands() -> Iterator[tuple[str, str]]:
    """Every ``newstrace ...`` line in a code block of the README and the docs."""
    for path in MARKDOWN_FILES:
        for block in _code_blocks(_read(path)):
            for line in block.splitlines():
                line = line.split(" #", 1)[0].strip().removeprefix("$ ")
                if re.search(r"(^(\w+=\S+\s+)*|\|\s*|&&\s*)newstrace\s", line):
                    yield path.name, line


EXAMPLES = sorted(set(_example_commands()))


@pytest.mark.parametrize(("doc", "line"), EXAMPLES, ids=[f"{d}:{ln}" for d, ln in EXAMPLES])
def test_examples_use_real_commands_and_options(doc: str, line: str) -> None:
    tokens = shlex.split(line, comments=False)
    start = tokens.index("newstrace") + 1
    if start >= len(tokens) or tokens[start] in ("--help", "-h"):
        return
    name = tokens[start]
    assert name in COMMANDS, f"{doc}: '{line}': no command {name!r}"
    known = {"--help"} | {o for p in COMMANDS[name].params for o in [*p.opts, *p.secondary_opts]}
    for token in tokens[start + 1 :]:
        if token in ("|", "&&", ";") or token.startswith((">", "2>", "<")):
            break
        if token.startswith("-") and token != "-":
            opt = token.split("=", 1)[0]
            assert opt in known, f"{doc}: '{line}': {name} has no option {opt}"


# ---------------------------------------------------------------------------------------------
# (2) docs/settings.md: every setting
# ---------------------------------------------------------------------------------------------

SETTINGS_DOC = DOCS / "settings.md"
NOT_SETTINGS = {"NEWSTRACE_TEST_PG"}  # environment variables of the test suite, not settings


def _env_var(field: str) -> str:
    return f"NEWSTRACE_{field.upper()}"


def _default_spellings(value: Any) -> list[str]:
    if value is None:
        return ["none", "unset", "not set"]
    if isinstance(value, bool):
        return [str(value).lower()]
    if isinstance(value, int):
        return [str(value), f"{value:,}", f"{value:_}"]
    return [str(value).lower()]


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_settings_doc_names_every_setting_with_its_default(field: str) -> None:
    rows = [ln for ln in _read(SETTINGS_DOC).splitlines() if ln.startswith("|")]
    var = _env_var(field)
    row = next((r for r in rows if _has_token(r, var)), None)
    assert row is not None, f"{var} has no row in the table of docs/settings.md"
    default = Settings.model_fields[field].default
    assert any(s in row.lower() for s in _default_spellings(default)), (
        f"the row of {var} in docs/settings.md does not give its default {default!r}"
    )


def test_settings_doc_names_no_unknown_setting() -> None:
    known = {_env_var(f) for f in Settings.model_fields} | NOT_SETTINGS
    named = set(re.findall(r"NEWSTRACE_[A-Z0-9_]+", _read(SETTINGS_DOC)))
    assert named <= known, f"docs/settings.md names settings that do not exist: {named - known}"


# ---------------------------------------------------------------------------------------------
# (3) docs/errors.md: every error class and code
# ---------------------------------------------------------------------------------------------

ERRORS_DOC = DOCS / "errors.md"
ERROR_CLASSES: list[type[errors.NewstraceError]] = [*errors.ALL_ERRORS, AnalysisFailed]


def test_all_errors_lists_every_error_class() -> None:
    defined = {
        obj
        for obj in vars(errors).values()
        if isinstance(obj, type)
        and issubclass(obj, errors.NewstraceError)
        and obj.__module__ == errors.__name__
    }
    assert defined == set(errors.ALL_ERRORS), "newstrace.errors.ALL_ERRORS is incomplete"


def test_error_codes_are_unique() -> None:
    codes = [cls.code for cls in ERROR_CLASSES]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("cls", ERROR_CLASSES, ids=[c.__name__ for c in ERROR_CLASSES])
def test_errors_doc_names_every_error_and_code(cls: type[errors.NewstraceError]) -> None:
    rows = [ln for ln in _read(ERRORS_DOC).splitlines() if ln.startswith("|")]
    row = next((r for r in rows if f"`{cls.__name__}`" in r), None)
    assert row is not None, f"{cls.__name__} has no row in docs/errors.md"
    assert f"`{cls.code}`" in row, f"the row of {cls.__name__} does not give its code {cls.code}"


# ---------------------------------------------------------------------------------------------
# (4) docs/knowledge.md: every knowledge file, its fields and allowed values
# ---------------------------------------------------------------------------------------------

KNOWLEDGE_DOC = DOCS / "knowledge.md"
KNOWLEDGE_FILES = sorted(set(RESOURCE_FILES) | {p.name for p in resources_dir().glob("*.yaml")})


def _literal_values(annotation: Any) -> Iterator[str]:
    if typing.get_origin(annotation) is typing.Literal:
        yield from (str(v) for v in typing.get_args(annotation))
    else:
        for arg in typing.get_args(annotation):
            yield from _literal_values(arg)


def _knowledge_section(filename: str) -> str:
    for heading, body in _sections(_read(KNOWLEDGE_DOC)).items():
        if f"`{filename}`" in heading:
            return body
    raise AssertionError(f"docs/knowledge.md has no '## `{filename}`' section")


@pytest.mark.parametrize("filename", KNOWLEDGE_FILES)
def test_knowledge_doc_describes_every_file_and_field(filename: str) -> None:
    assert filename in RESOURCE_FILES, f"{filename} is in nlp/resources/ but the loader ignores it"
    section = _knowledge_section(filename)
    model = RESOURCE_FILES[filename]
    for name, info in model.model_fields.items():
        if name == "line":  # the loader's own __line__, never written by hand
            continue
        key = info.alias or name
        assert f"`{key}`" in section, f"field {key!r} of {filename} not in docs/knowledge.md"
        for value in _literal_values(info.annotation):
            assert _has_token(section, value), f"{filename} {key}: value {value!r} not documented"
    if filename == "weapons.yaml":
        for category in WEAPON_CATEGORIES:
            assert _has_token(section, category), f"weapon category {category!r} not documented"


# ---------------------------------------------------------------------------------------------
# (5) README: the quick start is two commands
# ---------------------------------------------------------------------------------------------


def test_readme_quick_start_is_make_demo_and_make_test() -> None:
    sections = _sections(_read(README))
    quick = next((b for h, b in sections.items() if h.lower().startswith("quick start")), None)
    assert quick is not None, "README.md has no '## Quick start' section"
    blocks = list(_code_blocks(quick))
    assert blocks, "the quick start has no code block"
    commands = [
        ln.split("#", 1)[0].strip() for ln in blocks[0].splitlines() if ln.split("#", 1)[0].strip()
    ]
    assert commands == ["make demo", "make test"]
    makefile = _read(ROOT / "Makefile")
    for target in ("demo", "test"):
        assert re.search(rf"^{target}:", makefile, flags=re.M), f"Makefile has no '{target}' target"


# ---------------------------------------------------------------------------------------------
# (6) links: every relative link points to a file that exists
# ---------------------------------------------------------------------------------------------

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _links() -> Iterator[tuple[Path, str]]:
    for path in MARKDOWN_FILES:
        text = re.sub(r"^```.*?^```", "", _read(path), flags=re.S | re.M)
        text = re.sub(r"`[^`\n]*`", "", text)
        for target in LINK.findall(text):
            if not re.match(r"^[a-z][a-z0-9+.-]*:", target) and not target.startswith("#"):
                yield path, target


LINKS = sorted(set(_links()))


def test_docs_index_lists_every_doc() -> None:
    index = _read(DOCS / "index.md")
    for path in sorted(DOCS.glob("*.md")):
        if path.name != "index.md":
            assert f"({path.name})" in index, f"docs/index.md does not link to {path.name}"


@pytest.mark.parametrize(
    ("path", "target"), LINKS, ids=[f"{p.relative_to(ROOT)}->{t}" for p, t in LINKS]
)
def test_relative_links_point_to_existing_files(path: Path, target: str) -> None:
    file = target.split("#", 1)[0]
    assert (path.parent / file).exists(), f"{path.relative_to(ROOT)} links to missing {target}"


def _slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", _read(path), flags=re.S | re.M)
    return {_slug(h) for h in re.findall(r"^#{1,6}\s+(.*)$", text, flags=re.M)}


FRAGMENTS = [(p, t) for p, t in LINKS if "#" in t and t.split("#", 1)[0].endswith(".md")]
FRAGMENTS += [(p, t) for p in MARKDOWN_FILES for t in re.findall(r"\]\((#[^)\s]+)\)", _read(p))]


@pytest.mark.parametrize(
    ("path", "target"), FRAGMENTS, ids=[f"{p.relative_to(ROOT)}->{t}" for p, t in FRAGMENTS]
)
def test_links_to_headings_point_to_existing_headings(path: Path, target: str) -> None:
    file, fragment = target.split("#", 1)
    doc = (path.parent / file) if file else path
    if doc.exists():
        assert fragment in _anchors(doc), f"{path.relative_to(ROOT)}: no heading for {target}"


# ---------------------------------------------------------------------------------------------
# (7) layering: a stage imports only the model and earlier stages
# ---------------------------------------------------------------------------------------------

STAGES = [
    "model",
    "ingest",
    "nlp",
    "extract",
    "resolve",
    "store",
    "export",
    "serve",
    "spark",
    "eval",
]
RANK = {**{stage: rank for rank, stage in enumerate(STAGES)}, "schemas": 0}  # schemas: a contract
SHARED = {"model", "errors", "settings", "schemas", "__init__"}  # importable from every stage
EXEMPT = {
    "pipeline",
    "cli",
    "cli_eval",
    "cli_stories",
    "cli_serve",
    "settings",
    "errors",
    "__init__",
}
FORBIDDEN = {"store": {"extract", "nlp"}, "export": {"extract", "nlp"}}  # reports, not Docs


def _packages(package: Path = PACKAGE) -> list[str]:
    return sorted(
        p.name
        for p in package.iterdir()
        if p.is_dir() and p.name != "__pycache__" and any(p.rglob("*.py"))
    )


def _is_module(name: str, package: Path = PACKAGE) -> bool:
    return (package / name).is_dir() or (package / f"{name}.py").exists()


def _imported(path: Path, package: Path = PACKAGE) -> Iterator[tuple[int, str]]:
    """(line, first component below ``newstrace``) of every newstrace import in ``path``.

    ``from newstrace import __version__`` gives ``__init__`` (the root package itself).
    """
    here = ("newstrace", *path.relative_to(package).with_suffix("").parts[:-1])
    for node in ast.walk(ast.parse(_read(path), filename=str(path))):
        if not isinstance(node, ast.Import | ast.ImportFrom):
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            module = node.module or ""
            if node.level:  # relative: "." is the module's own package
                base = here[: len(here) - node.level + 1]
                module = ".".join([*base, *([module] if module else [])])
            names = [module]
            if module == "newstrace":  # from newstrace import nlp, __version__
                names = [
                    f"newstrace.{alias.name}" if _is_module(alias.name, package) else "newstrace"
                    for alias in node.names
                ]
        for name in names:
            bits = name.split(".")
            if bits[0] == "newstrace":
                yield node.lineno, bits[1] if len(bits) > 1 else "__init__"


def _violations(package: Path = PACKAGE) -> Iterator[str]:
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        stage = rel.parts[0] if len(rel.parts) > 1 else rel.stem
        if stage in EXEMPT:
            continue
        if stage not in RANK:
            yield f"newstrace/{rel}: {stage} has no place in the stage order (tests/docs/test_docs.py)"
            continue
        for line, target in _imported(path, package):
            where = f"newstrace/{rel}:{line}"
            if target == stage or target in SHARED:
                continue
            if target in FORBIDDEN.get(stage, ()):
                yield f"{where}: {stage} imports newstrace.{target}"
            elif target not in RANK:
                yield f"{where}: {stage} imports newstrace.{target}, which is not a stage"
            elif RANK[target] > RANK[stage]:
                yield f"{where}: {stage} imports the later stage newstrace.{target}"


def test_every_package_has_a_place_in_the_stage_order() -> None:
    unknown = set(_packages()) - set(RANK)
    assert not unknown, f"add {unknown} to STAGES in tests/docs/test_docs.py (and architecture.md)"


def test_stages_import_only_the_model_and_earlier_stages() -> None:
    found = list(_violations())
    assert not found, "layering broken (docs/architecture.md):\n" + "\n".join(found)


def test_layering_check_sees_every_import_form(tmp_path: Path) -> None:
    package = tmp_path / "newstrace"
    for stage in ("model", "nlp", "extract", "store", "export"):
        (package / stage).mkdir(parents=True)
        (package / stage / "__init__.py").write_text("", encoding="utf-8")
    (package / "errors.py").write_text("", encoding="utf-8")
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "export" / "probe.py").write_text(
        "from newstrace import nlp, model, __version__\n"
        "from ..extract import analyze\n"
        "from . import text\n"
        "import newstrace.store.tables\n"
        "from newstrace.errors import StoreError\n",
        encoding="utf-8",
    )
    (package / "model" / "x.py").write_text(
        "def f():\n    from newstrace.nlp import knowledge\n", encoding="utf-8"
    )
    (package / "types.py").write_text("", encoding="utf-8")
    probe = package / "export" / "probe.py"
    found = sorted(target for _, target in _imported(probe, package))
    assert found == ["__init__", "errors", "export", "extract", "model", "nlp", "store"]
    assert sorted(_violations(package)) == [
        "newstrace/export/probe.py:1: export imports newstrace.nlp",
        "newstrace/export/probe.py:2: export imports newstrace.extract",
        "newstrace/model/x.py:2: model imports the later stage newstrace.nlp",
        "newstrace/types.py: types has no place in the stage order (tests/docs/test_docs.py)",
    ]
