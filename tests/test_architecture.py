"""Imports only downward (issue 13, D800–D802), checked on the source with ``ast`` — no module is imported."""

from __future__ import annotations

import ast
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
