"""Checks JSON-LD against the schema.org vocabulary, offline.

The vocabulary is schema.org's own release file, vendored in tests/data/schemaorg/ (see the
README there for where it comes from and its licence). A node is valid when its @type is a
schema.org type and each of its properties is a schema.org property whose domain includes
the type or one of its ancestors; a nested node must also be of a type (or a subtype of one)
that the property's range includes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

VOCABULARY = Path(__file__).parent / "data" / "schemaorg" / "schemaorg-current-https.jsonld"
PREFIX = "schema:"
CONTEXT = "https://schema.org"


def _ids(value: Any) -> list[str]:
    """The schema.org names in an @id reference or a list of them."""
    values = value if isinstance(value, list) else [value] if value else []
    return [v["@id"].removeprefix(PREFIX) for v in values
            if isinstance(v, dict) and v.get("@id", "").startswith(PREFIX)]


@dataclass(frozen=True)
class Vocabulary:
    parents: dict[str, set[str]]  # type -> its direct supertypes
    domains: dict[str, set[str]]  # property -> types it may describe
    ranges: dict[str, set[str]]  # property -> types its values may be

    def ancestors(self, type_name: str) -> set[str]:
        """The type and every type it inherits from."""
        found, todo = set(), [type_name]
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(self.parents.get(current, ()))
        return found

    def errors(self, node: Any, path: str = "$") -> Iterator[str]:
        """Every way `node` (a JSON-LD value) departs from the vocabulary."""
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from self.errors(item, f"{path}[{index}]")
            return
        if not isinstance(node, dict):
            return
        type_name = node.get("@type")
        if not isinstance(type_name, str) or type_name not in self.parents:
            yield f"{path}: unknown @type {type_name!r}"
            return
        types = self.ancestors(type_name)
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in self.domains:
                yield f"{path}.{key}: not a schema.org property"
            elif not self.domains[key] & types:
                yield (f"{path}.{key}: not a property of {type_name} (it belongs to "
                       f"{', '.join(sorted(self.domains[key]))})")
            else:
                for item in value if isinstance(value, list) else [value]:
                    nested_type = item.get("@type") if isinstance(item, dict) else None
                    if nested_type in self.parents \
                            and not self.ancestors(nested_type) & self.ranges[key]:
                        yield (f"{path}.{key}: a {item['@type']} is not among its values "
                               f"({', '.join(sorted(self.ranges[key]))})")
                yield from self.errors(value, f"{path}.{key}")


@cache
def vocabulary() -> Vocabulary:
    graph = json.loads(VOCABULARY.read_text())["@graph"]
    parents: dict[str, set[str]] = {}
    domains: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    for term in graph:
        name = term["@id"].removeprefix(PREFIX)
        kinds = term["@type"] if isinstance(term["@type"], list) else [term["@type"]]
        if "rdf:Property" in kinds:
            domains[name] = set(_ids(term.get("schema:domainIncludes")))
            ranges[name] = set(_ids(term.get("schema:rangeIncludes")))
        elif "rdfs:Class" in kinds:
            parents[name] = set(_ids(term.get("rdfs:subClassOf")))
    return Vocabulary(parents, domains, ranges)


def validate(document: dict[str, Any]) -> list[str]:
    """Every error in one JSON-LD document (a top-level node with its @context)."""
    if document.get("@context") != CONTEXT:
        return [f"$: @context is {document.get('@context')!r}, not {CONTEXT!r}"]
    return list(vocabulary().errors(document))
