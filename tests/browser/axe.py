"""Run axe-core in a Playwright page and fail on serious or critical violations."""

import pytest
from axe_playwright_python.sync_playwright import Axe

BLOCKING_IMPACTS = ("serious", "critical")
MAX_TARGETS_SHOWN = 3

_axe = Axe()  # Reads the bundled axe.min.js once.


def _describe(violation: dict) -> str:
    nodes = violation.get("nodes", [])
    targets = [
        " ".join(str(part) for part in node.get("target", [])) for node in nodes[:MAX_TARGETS_SHOWN]
    ]
    more = f" (+{len(nodes) - MAX_TARGETS_SHOWN} more)" if len(nodes) > MAX_TARGETS_SHOWN else ""
    return (
        f"- {violation['id']} [{violation.get('impact')}]: {violation.get('help', '')}\n"
        f"    {violation.get('helpUrl', '')}\n"
        f"    nodes: {'; '.join(targets)}{more}"
    )


def axe_violations(page) -> list[dict]:
    """All axe violations on the page as it is now (axe's default rule set)."""
    return _axe.run(page).response["violations"]


def assert_accessible(page, *, context_label: str = "") -> None:
    """Fail if axe finds any serious or critical violation on the current page."""
    blocking = [v for v in axe_violations(page) if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        where = f"{context_label} ({page.url})" if context_label else page.url
        details = "\n".join(_describe(v) for v in blocking)
        pytest.fail(
            f"axe found {len(blocking)} serious/critical violation(s) on {where}:\n{details}",
            pytrace=False,
        )
