"""The shape the code keeps (docs/architecture.md): imports go one way, and an import inside a
function says why it is there (a cycle it breaks, a module loaded with the apps, an optional
library), so that a cycle is never dodged silently. The layers themselves are import-linter's
contract in pyproject.toml, which `make test` runs (`lint-imports`)."""

import ast
from pathlib import Path

import pusselbit

PACKAGE = Path(pusselbit.__file__).parent


def _imports_in_functions(tree: ast.AST):
    for function in ast.walk(tree):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for statement in ast.walk(function):
                if isinstance(statement, ast.Import | ast.ImportFrom):
                    yield statement


def _explained(lines: list[str], lineno: int) -> bool:
    """A comment on the import's line, or above it past the imports of the same group."""
    if "#" in lines[lineno - 1]:
        return True
    index = lineno - 2
    while index >= 0:
        text = lines[index].strip()
        if text.startswith("#"):
            return True
        if text.startswith(("import ", "from ")) or text == "":
            index -= 1
            continue
        return False
    return False


def test_no_import_inside_a_function_without_a_comment_saying_why():
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for statement in _imports_in_functions(ast.parse(source)):
            if not _explained(lines, statement.lineno):
                where = path.relative_to(PACKAGE.parent)
                unexplained.append(f"{where}:{statement.lineno}: {lines[statement.lineno - 1]}")
    assert not unexplained, "Imports inside functions with no comment saying why:\n" + "\n".join(
        unexplained
    )


def test_the_check_finds_an_unexplained_import(tmp_path):
    source = "def f():\n    x = 1\n    import json\n    return json\n"
    lines = source.splitlines()
    [statement] = _imports_in_functions(ast.parse(source))
    assert not _explained(lines, statement.lineno)
    explained = "def f():\n    # json only here: why\n    import json\n    import os\n"
    assert all(
        _explained(explained.splitlines(), s.lineno)
        for s in _imports_in_functions(ast.parse(explained))
    )
