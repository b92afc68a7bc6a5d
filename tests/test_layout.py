"""The code's shape: apps depend one way, no module imports itself through others, and no
hand-written module outgrows the house limit.

The import graph comes from grimp (the library behind import-linter). It includes imports
made inside functions, so an import moved into a function to dodge a cycle is still a
cycle here; imports under `if TYPE_CHECKING:` are left out, since they never run.
"""

from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("clinics", "directory", "articles")
MAX_LINES = 500


@pytest.fixture(scope="module")
def graph():
    # No cache: a stale one once hid a cycle added a second before.
    return grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)


def test_no_module_imports_itself_through_others(graph):
    cycles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.add(tuple(sorted({module, *chain})))

    assert sorted(cycles) == []


def modules_under(graph, package: str, *, outside: tuple[str, ...] = ()) -> list[str]:
    return sorted(m for m in graph.modules if (m == package or m.startswith(f"{package}."))
                  and not any(m == o or m.startswith(f"{o}.") for o in outside))


@pytest.mark.parametrize(("importers", "outside", "imported"), [
    # The directory knows nothing of the owners' app built on it.
    ("clinics", ("clinics.owners",), "clinics.owners"),
    # Nor of the articles, which link to conditions and the search.
    ("clinics", (), "articles"),
    # Accounts are used by the others and use none of them.
    ("directory.accounts", (), "clinics"),
    ("directory.accounts", (), "articles"),
    ("articles", (), "clinics.owners"),
], ids=lambda value: value if isinstance(value, str) else "")
def test_dependencies_point_one_way(graph, importers, outside, imported):
    offending = {
        module: graph.find_shortest_chain(importer=module, imported=target)
        for module in modules_under(graph, importers, outside=outside)
        for target in modules_under(graph, imported)
        if graph.find_shortest_chain(importer=module, imported=target)
    }

    assert offending == {}


def test_no_hand_written_module_is_over_the_house_limit():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for package in (*PACKAGES, "bench", "tests")
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }

    assert {path: lines for path, lines in sizes.items() if lines > MAX_LINES} == {}
