"""Demo content that apps add to `manage.py load_demo`.

The directory's own demo (clinics, practitioners, logins) is the command itself; an app
that depends on it, such as articles, registers a loader here from its AppConfig.ready, so
the directory never imports the apps built on top of it.
"""

from collections.abc import Callable
from typing import TextIO

DemoLoader = Callable[..., object]  # called as loader(stdout=...)

LOADERS: list[DemoLoader] = []


def register(loader: DemoLoader) -> None:
    if loader not in LOADERS:
        LOADERS.append(loader)


def load_all(stdout: TextIO) -> None:
    """Run every registered loader, in the order the apps registered them."""
    for loader in LOADERS:
        loader(stdout=stdout)
