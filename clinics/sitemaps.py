from django.contrib.sitemaps import Sitemap

from .models import Clinic, Practitioner


class PractitionerSitemap(Sitemap):
    """Vetted practitioners only: unverified profiles exist but are not promoted."""

    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Practitioner.objects.vetted().order_by("pk").only("slug", "updated_at")

    def lastmod(self, practitioner):
        return practitioner.updated_at


class ClinicSitemap(Sitemap):
    changefreq = "weekly"
    limit = 10000

    def items(self):
        return Clinic.objects.published().order_by("pk").only("slug", "updated_at")

    def lastmod(self, clinic):
        return clinic.updated_at


SITEMAPS = {"practitioners": PractitionerSitemap, "clinics": ClinicSitemap}
