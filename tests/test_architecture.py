"""Imports only downward (issue 13, D800–D802), checked on the source with ``ast`` — no module is imported."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kdu_analysis"

#: Packages below the products: they must not reach up into report/ or commands/.
LOWER = ("audit", "regelbedarf", "loaders", "reference", "pdf", "charts", "codebook")
UPPER = ("kdu_analysis.report", "kdu_analysis.commands", "kdu_analysis.cli")


def _imports(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """Every module name an ``import``/``from … import`` in ``path`` names (at any depth), with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against the module's package
                base = path.relative_to(package.parent).with_suffix("").parts[:-node.level]
                module = ".".join(base + ((node.module,) if node.module else ()))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # ``from kdu_analysis import report`` names the package in the alias
            found += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return found


def _violations(folder: str, forbidden: tuple[str, ...], package: Path = PACKAGE) -> list[str]:
    """One line per offending import statement (``path:line imports module``)."""
    out: dict[tuple[str, int], str] = {}
    for path in sorted((package / folder).rglob("*.py")):
        for line, module in _imports(path, package):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                out.setdefault((str(path.relative_to(package.parent)), line), module)
    return [f"{where}:{line} imports {module}" for (where, line), module in out.items()]


def test_lower_packages_never_import_report_commands_or_cli():
    found = [v for folder in LOWER for v in _violations(folder, UPPER)]
    assert found == []


def test_commands_never_import_cli():
    assert _violations("commands", ("kdu_analysis.cli",)) == []


def test_shared_modules_below_analysis_never_import_upward():
    """formatting, outputs, config, errors, money and schemas are used by every stage; they import none of them."""
    stages = tuple(f"kdu_analysis.{p}" for p in ("audit", "regelbedarf", "report", "commands", "cli", "case", "charts"))
    found = []
    for name in ("formatting.py", "outputs.py", "config.py", "errors.py", "money.py", "schemas.py"):
        for line, module in _imports(PACKAGE / name):
            if any(module == s or module.startswith(s + ".") for s in stages):
                found.append(f"{name}:{line} imports {module}")
    assert found == []


#: What reads PDFs: the generic PDF code, the batch worker, the Richtwert reader and the documents module.
PDF_READING = ("kdu_analysis.pdf", "kdu_analysis.batch_files", "kdu_analysis.loaders.documents", "pdfplumber",
               "pdfminer") + tuple(f"kdu_analysis.loaders.{p.stem}" for p in (PACKAGE / "loaders").glob("richtwert*.py"))


def test_audit_never_reads_a_pdf():
    """D001 (again, issue 13 item 1): the audit compares readings it is given; it imports no PDF or reader code."""
    assert "kdu_analysis.loaders.richtwerte" in PDF_READING
    assert _violations("audit", PDF_READING) == []


#: Modules allowed to import inside a function, each for a stated reason (D802, D873); everywhere else imports
#: stand at the top of the module, so the dependency graph is visible.
FUNCTION_LEVEL_IMPORTS = {
    "pdf/limits.py": "resource/atexit/importlib: POSIX-only, worker-only, or the worker's preload by name",
    "loaders/richtwerte.py": "reader work (issue 13 item 5, other branches)",
    "loaders/richtwert_gate.py": "reader work (import cycle with richtwert_columns)",
    "loaders/richtwert_preview.py": "reader work (matplotlib's font path only when a preview is drawn)",
    "commands/extract.py": "the preview module (matplotlib) only for --vorschau",
}


def _function_level_imports(package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                found += [f"{path.relative_to(package).as_posix()}:{sub.lineno}" for sub in ast.walk(node)
                          if isinstance(sub, (ast.Import, ast.ImportFrom))]
    return found


def test_imports_stand_at_the_top_of_modules():
    assert [f for f in _function_level_imports() if f.split(":")[0] not in FUNCTION_LEVEL_IMPORTS] == []


def test_the_rule_catches_an_upward_import(tmp_path):
    """The check itself: a module under audit/ that imports report.style is reported."""
    fake = tmp_path / "kdu_analysis"
    (fake / "audit").mkdir(parents=True)
    (fake / "audit" / "bad.py").write_text("def f():\n    from kdu_analysis.report.style import PALETTE\n", encoding="utf-8")
    (fake / "audit" / "rel.py").write_text("from ..commands import args\n", encoding="utf-8")
    assert _violations("audit", UPPER, fake) == ["kdu_analysis/audit/bad.py:2 imports kdu_analysis.report.style",
                                                 "kdu_analysis/audit/rel.py:1 imports kdu_analysis.commands"]


# --- The Träger model as domain data (issue 13 item 4, D880) ------------------------------------------------------

def test_nothing_imports_the_old_traeger_loader():
    """``loaders/traeger.py`` is gone: the Träger model lives in ``kdu_analysis/traeger/`` (no shim left behind)."""
    old = ("kdu_analysis.loaders.traeger",)
    found = _violations("", old)
    for folder in ("tests", "benchmarks", "notebooks"):
        found += _violations(folder, old, PACKAGE.parent)
    notebooks = [p.name for p in (PACKAGE.parent / "notebooks").glob("*.ipynb") if "loaders.traeger" in p.read_text()]
    assert found == [] and notebooks == []
    assert not (PACKAGE / "loaders" / "traeger.py").exists()


def test_traeger_package_imports_no_stage_above_it():
    """The Träger data sit below audit/, case.py and report/ and beside reference/: they import none of the stages."""
    above = tuple(f"kdu_analysis.{p}" for p in ("audit", "regelbedarf", "report", "commands", "cli", "case", "charts",
                                                 "loaders", "pdf", "cache"))
    assert _violations("traeger", above) == []


# --- No module reaches into another's private names (issue 13 item 4, D882) ---------------------------------------

ROOT = PACKAGE.parent
#: Where code (package, tests, benchmarks, notebooks) is checked.
CODE = ("kdu_analysis", "tests", "benchmarks", "notebooks")
#: Known reaches, each with its reason; the rest must use public names.
#: (file, name) → why this module may use another module's private name (none left).
PRIVATE_ALLOWED: dict[tuple[str, str], str] = {}


def _module_name(path: Path, root: Path) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")


@functools.lru_cache(maxsize=4)
def _package_modules(root: Path) -> frozenset[str]:
    return frozenset(_module_name(p, root) for p in (root / "kdu_analysis").rglob("*.py"))


def _private_reaches(path: Path, root: Path = ROOT) -> list[tuple[int, str]]:
    """``(line, module._name)`` for every ``from kdu_analysis.x import _name`` and every ``x._name`` where ``x`` is a
    kdu_analysis module imported into ``path`` (other than the module itself). Dunder names are public."""
    modules = _package_modules(root)
    own = _module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    aliases: dict[str, str] = {}  # local name -> kdu_analysis module
    found: list[tuple[int, str]] = []

    def private(name: str) -> bool:
        return name.startswith("_") and not name.startswith("__")

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name in modules:
                    aliases[a.asname or a.name] = a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "kdu_analysis":
            for a in node.names:
                if f"{node.module}.{a.name}" in modules:
                    aliases[a.asname or a.name] = f"{node.module}.{a.name}"
                elif private(a.name) and node.module != own:
                    found.append((node.lineno, f"{node.module}.{a.name}"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and private(node.attr):
            module = aliases.get(ast.unparse(node.value)) or (ast.unparse(node.value)
                                                              if ast.unparse(node.value) in modules else None)
            if module and module != own:
                found.append((node.lineno, f"{module}.{node.attr}"))
    return sorted(set(found))


def test_no_module_reaches_into_another_modules_private_names():
    found = []
    for folder in CODE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            where = path.relative_to(ROOT).as_posix()
            found += [f"{where}:{line} uses {name}" for line, name in _private_reaches(path)
                      if (where, name) not in PRIVATE_ALLOWED]
    assert found == []


def test_the_private_name_rule_catches_a_reach(tmp_path):
    fake = tmp_path / "kdu_analysis"
    (fake / "reference").mkdir(parents=True)
    (fake / "reference" / "mietenstufen.py").write_text("def _entry():\n    return _entry\n", encoding="utf-8")
    (fake / "report").mkdir()
    (fake / "report" / "bad.py").write_text(
        "from kdu_analysis.reference import mietenstufen as ms\nfrom kdu_analysis.reference.mietenstufen import _entry\n"
        "import kdu_analysis.reference.mietenstufen\n\nms._entry()\nkdu_analysis.reference.mietenstufen._entry()\n"
        "ms.__name__\n", encoding="utf-8")
    assert _private_reaches(fake / "report" / "bad.py", tmp_path) == [
        (2, "kdu_analysis.reference.mietenstufen._entry"), (5, "kdu_analysis.reference.mietenstufen._entry"),
        (6, "kdu_analysis.reference.mietenstufen._entry")]
    assert _private_reaches(fake / "reference" / "mietenstufen.py", tmp_path) == []  # its own names are its own


def test_tests_take_shared_helpers_from_helper_modules_not_from_other_test_modules():
    found = []
    for path in sorted((ROOT / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [a.name for a in node.names] if isinstance(node, ast.Import) else []
            found += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n in names
                      if n.split(".")[-1].startswith("test_") or ".test_" in n]
    assert found == []  # shared helpers live in tests/helpers.py, tests/source_texts.py or tests/fixtures/
