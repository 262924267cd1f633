"""The layering, read from the source with `ast`: data flows files → ingest → qa → app, never back.

- `ingest` never imports `qa`;
- `app.py` and its pages (`app_*.py`) import only `qa`, `ingest.settings`, each other, the standard library
  and third-party packages;
- a name starting with `_` is private to its module: no `from x import _name` and no `x._name` of another
  project module (a private submodule `_x` is private to its package: only that package may import it).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

PROJECT = ("ingest", "qa", "eval", "bench", "app", "app_documents", "tests", "samples")  # top-level names of our own code
CHECKED = ("ingest", "qa", "app.py", "app_documents.py", "eval", "bench")
APP = ("app", "app_documents")  # the app and its pages: presentation only


@dataclass(frozen=True)
class Import:
    where: str  # path:line
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted (for `from m import name`: m)
    name: str | None  # the name taken from it (`from m import name`), else None


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def _files() -> list[Path]:
    files: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return [f for f in files if ".venv" not in f.parts]


def _is_project(module: str) -> bool:
    return module.split(".")[0] in PROJECT


def _is_submodule(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _resolve(node: ast.ImportFrom, module: str, package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _parse(path: Path) -> tuple[str, bool, ast.Module]:
    return _module_name(path), _is_package(path), ast.parse(path.read_text(encoding="utf-8"), str(path))


def _imports(path: Path) -> list[Import]:
    module, package, tree = _parse(path)
    where = path.relative_to(ROOT).as_posix()
    found: list[Import] = []
    for node in ast.walk(tree):  # function-level imports count too
        if isinstance(node, ast.Import):
            found += [Import(f"{where}:{node.lineno}", module, alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, module, package)
            found += [Import(f"{where}:{node.lineno}", module, target, alias.name) for alias in node.names]
    return found


def _all_imports() -> list[Import]:
    return [i for path in _files() for i in _imports(path)]


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def test_ingest_never_imports_qa():
    violations = [
        f"{i.where}: {i.module} imports {i.target}{'.' + i.name if i.name else ''}"
        for i in _all_imports()
        if _within(i.module, "ingest") and (_within(i.target, "qa") or (i.target == "" and i.name == "qa"))
    ]
    assert not violations, "ingest → qa (data flows ingest → qa, never back):\n" + "\n".join(violations)


def _app_may_import(i: Import) -> bool:
    if not _is_project(i.target):
        return True  # the standard library and third-party packages (streamlit ...)
    if _within(i.target, "qa") or _within(i.target, "ingest.settings") or i.target in APP:
        return True
    return i.target == "ingest" and i.name == "settings"


def test_app_imports_only_qa_and_settings():
    violations = [
        f"{i.where}: imports {i.target}{'.' + i.name if i.name else ''}"
        for i in _all_imports()
        if i.module in APP and not _app_may_import(i)
    ]
    assert not violations, "the app may import only qa.*, ingest.settings and outside packages:\n" + "\n".join(violations)


def _private_import_allowed(i: Import) -> bool:
    """A private submodule may be imported from inside its own package."""
    return _is_submodule(f"{i.target}.{i.name}") and _within(i.module, i.target)


def test_no_private_name_imported_from_another_module():
    violations = []
    for i in _all_imports():
        if not _is_project(i.target) or i.target == i.module:
            continue
        if i.name is not None and _private(i.name) and not _private_import_allowed(i):
            violations.append(f"{i.where}: {i.module} imports {i.name} from {i.target}")
        elif i.name is None and any(_private(p) for p in i.target.split(".")[1:]):
            private_package = i.target.rsplit(".", 1)[0]
            if not _within(i.module, private_package):
                violations.append(f"{i.where}: {i.module} imports the private module {i.target}")
    assert not violations, "a name starting with _ is private to its module:\n" + "\n".join(violations)


def _dotted(node: ast.expr) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    return ".".join([node.id, *reversed(parts)])


def _module_aliases(tree: ast.Module, module: str, package: bool) -> dict[str, str]:
    """Local names bound to project modules: `import a.b` binds a, `import a.b as c` binds c,
    `from a import b` binds b when a.b is a module."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _is_project(alias.name):
                    if alias.asname:
                        aliases[alias.asname] = alias.name
                    else:
                        top = alias.name.split(".")[0]
                        aliases[top] = top
        elif isinstance(node, ast.ImportFrom):
            target = _resolve(node, module, package)
            for alias in node.names:
                if _is_project(target) and _is_submodule(f"{target}.{alias.name}"):
                    aliases[alias.asname or alias.name] = f"{target}.{alias.name}"
    return aliases


def test_no_private_attribute_of_another_module():
    violations = []
    for path in _files():
        module, package, tree = _parse(path)
        aliases = _module_aliases(tree, module, package)
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Attribute) and _private(node.attr)):
                continue
            owner = _dotted(node.value)
            if owner is None or owner.split(".")[0] not in aliases:
                continue
            head, _, rest = owner.partition(".")
            target = aliases[head] + (f".{rest}" if rest else "")
            if _is_submodule(target) and target != module and not (_is_submodule(f"{target}.{node.attr}") and _within(module, target)):
                violations.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}: {module} uses {target}.{node.attr}")
    assert not violations, "a name starting with _ is private to its module:\n" + "\n".join(violations)


def test_the_checker_sees_the_code():
    """Guards the tests above against passing vacuously (a moved folder, a parse that finds nothing)."""
    modules = {i.module for i in _all_imports()}
    assert {"app", "ingest.pipeline", "qa.answer"} <= modules
    assert any(i.module == "app" and _within(i.target, "qa") for i in _all_imports())
