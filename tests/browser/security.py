"""Watch a browser context for Content-Security-Policy violations and policy errors.

Every page the browser fixtures open is watched, and a test fails when anything was
refused: a script or style the policy blocks means a broken page for real visitors too.
Two sources, since neither sees everything: the page's `securitypolicyviolation` events
(each blocked load or inline script or style), and console messages about a policy
(Chromium logs a malformed CSP, or a Permissions-Policy feature it does not know, only
there).
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from .offline import keep_offline

REPORT_BINDING = "__reportSecurityPolicyViolation"
# Runs in every document before the page's own scripts (through the DevTools protocol, so
# the page's CSP does not apply to it).
LISTENER = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
  window.{REPORT_BINDING}([
    event.effectiveDirective, event.blockedURI, event.sourceFile, event.lineNumber,
    event.sample, document.location.href,
  ].join(" | "));
}});
"""
POLICY_MESSAGE = re.compile(r"Content.Security.Policy|Permissions.Policy|Refused to", re.I)


class SecurityPolicyWatch:
    """What one browser context reported: violations, and console errors about a policy."""

    def __init__(self, context) -> None:
        self.reports: list[str] = []
        self.offsite_requests: list[str] = []  # answered offline (tests/browser/offline.py)
        context.expose_function(REPORT_BINDING, self._violation)
        context.add_init_script(LISTENER)
        context.on("console", self._console)

    def _violation(self, details: str) -> None:
        self.reports.append(f"violation: {details}")

    def _console(self, message) -> None:
        if message.type in ("error", "warning") and POLICY_MESSAGE.search(message.text):
            self.reports.append(f"console {message.type}: {message.text}")

    def take(self, pages) -> list[str]:
        """The reports so far, after the open pages have delivered theirs; then forget them."""
        for tab in pages:
            if not tab.is_closed():
                # Violation events are queued as tasks; one turn of each page's event loop
                # and a round trip deliver any still on their way.
                tab.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")
        reports, self.reports = self.reports, []
        return reports


@contextmanager
def watched_context(browser, **options) -> Iterator[tuple[object, SecurityPolicyWatch]]:
    """A new browser context with one page, kept off the network (offline.py), failing the
    test on any policy report."""
    context = browser.new_context(**options)
    watch = SecurityPolicyWatch(context)
    watch.offsite_requests = keep_offline(context)
    try:
        tab = context.new_page()
        yield tab, watch
        reports = watch.take(context.pages)
    finally:
        context.close()
    if reports:
        pytest.fail("The browser reported a security policy problem:\n"
                    + "\n".join(f"- {report}" for report in reports), pytrace=False)
