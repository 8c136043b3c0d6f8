import importlib
from types import ModuleType


def optional_module(name: str) -> ModuleType | None:
    """Import `name` if it exists. An import error inside the module itself still raises."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name and name.startswith(error.name):
            return None
        raise
