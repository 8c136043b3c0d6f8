"""DESIGN: `branches` is the kernel; it imports no other app of the project, so every app can build on it."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings


def _project_apps() -> set[str]:
    """The project's own apps: under BASE_DIR, but not the installed packages of a virtualenv kept there."""
    base = Path(settings.BASE_DIR)
    return {
        config.name.split(".")[0]
        for config in apps.get_app_configs()
        if base in Path(config.path).parents and "site-packages" not in Path(config.path).parts
    }


def _imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_branches_imports_no_other_app():
    others = _project_apps() - {"branches"}
    assert {"members", "partywork"} <= others
    offending = {}
    for path in (Path(settings.BASE_DIR) / "branches").rglob("*.py"):
        found = {name for name in _imported_modules(path.read_text()) if name.split(".")[0] in others}
        if found:
            offending[str(path.relative_to(settings.BASE_DIR))] = sorted(found)
    assert offending == {}
