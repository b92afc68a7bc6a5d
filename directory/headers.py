"""Response headers that need to know the request: the one Content-Security-Policy
allowance the admin needs. The rest come from settings ("Security headers and cookies").
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpRequest, HttpResponseBase

ADMIN_PREFIX = "/admin/"

# django-simple-history's change-history page (admin/<model>/<id>/history/) carries one
# inline style attribute, style="border-top: 0". Rather than copy its template, the admin's
# policy allows that exact declaration by its hash ('unsafe-hashes' lets a hash match a style
# attribute): no other inline style, and no inline script, anywhere. If an upgrade changes
# the attribute, the browser tests report the violation and its new hash.
ADMIN_CSP_UPDATE = {
    "style-src-attr": ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
}


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CSP_UPDATE added to the policy under /admin/.

    django-csp scopes a change to a view through decorators, and the admin's views are not
    ours to decorate; its documented way to vary the policy by request is this override.
    (On Django 6's built-in CSP, the same is a subclass of its middleware.)
    """

    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase,
                         report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_CSP_UPDATE, **(parts.update or {})}
        return parts

