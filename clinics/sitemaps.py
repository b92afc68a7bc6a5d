from directory.sitemaps import InterfaceSitemap

from .models import Clinic, Practitioner


class PractitionerSitemap(InterfaceSitemap):
    """Vetted practitioners only: unverified profiles exist but are not promoted."""

    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Practitioner.objects.vetted().order_by("pk").only("slug", "updated_at")

    def lastmod(self, practitioner):
        return practitioner.updated_at


class ClinicSitemap(InterfaceSitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Clinic.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, clinic):
        return clinic.updated_at


SITEMAPS = {"practitioners": PractitionerSitemap, "clinics": ClinicSitemap}
