from django.db.models import Max

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

    def get_latest_lastmod(self):
        # For the index: one aggregate, not a read of every profile.
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ClinicSitemap(InterfaceSitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Clinic.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, clinic):
        return clinic.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


# Sections of the sitemap index (directory/urls.py), each at /sitemap-<section>.xml.
SITEMAPS = {"practitioners": PractitionerSitemap, "clinics": ClinicSitemap}
