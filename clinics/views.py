import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpResponse
from django.template import engines
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView

from . import freshness, presenters, scope, search, vocabulary
from .models import Clinic, Credential, CredentialCheck, Location, Practitioner, Specialty
from .models.search import INDEX_VERSION_KEY, version_tokens
from .models.terms import DRY_NEEDLING_SLUG


def map_attributes() -> SafeString:
    """The data attributes every map element carries for static/js/map.js: where its tiles
    come from and the attribution it must show (settings.MAP_TILE_URL, MAP_TILE_ATTRIBUTION),
    and the names of Leaflet's zoom buttons in the page's language (Leaflet's own are
    English)."""
    return format_html('data-tiles="{}" data-attribution="{}" data-zoom-in="{}" '
                       'data-zoom-out="{}"', settings.MAP_TILE_URL,
                       settings.MAP_TILE_ATTRIBUTION, _("Zoom in"), _("Zoom out"))


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        blank = search.find_practitioners(None)
        return super().get_context_data(
            specialties=Specialty.objects.prefetch_related("conditions"),
            form=blank.form, search=blank, **kwargs,
        )


class PractitionerSearchView(TemplateView):
    """GET /practitioners/: the search form, and its results once a search is asked.

    A results page for a visitor who is not logged in is kept in this process (the "pages"
    cache, bounded in entries, so unique URLs cannot fill memory) for PAGE_SECONDS, under
    its whole query string and the tokens that
    change whenever what a search shows changes: the search index's (retired after any
    write that touches it, see clinics/search/index.py), the vocabulary's, and the day
    (licences lapse at midnight). So the same search asked again costs a cache read, and
    never shows anything a fresh one would not. Logged-in visitors, and anyone with a
    message waiting to be shown, always get a fresh page.
    """

    template_name = "clinics/practitioner_list.html"
    PAGE_SECONDS = 300

    def get(self, request, *args, **kwargs):
        key = vocabulary_version = None
        if not (request.user.is_authenticated or len(messages.get_messages(request))):
            # Read once: the key needs both tokens, and the search the vocabulary's.
            index_version, vocabulary_version = version_tokens(INDEX_VERSION_KEY,
                                                               vocabulary.VERSION_KEY)
            key = self.page_key(request, index_version, vocabulary_version)
            content = caches["pages"].get(key)
            if content is not None:
                return HttpResponse(content)
        response = super().get(request, *args, vocabulary_version=vocabulary_version, **kwargs)
        if key is not None:
            def keep(rendered):
                if rendered.status_code == 200 and not rendered.context_data["search"].errors:
                    caches["pages"].set(key, rendered.content, self.PAGE_SECONDS)
            response.add_post_render_callback(keep)
        return response

    @staticmethod
    def page_key(request, index_version: str, vocabulary_version: str) -> str:
        # The whole address: the page holds absolute links to itself in each language.
        query = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()
        return (f"search-page:{query}:{index_version}:{vocabulary_version}:"
                f"{timezone.localdate().isoformat()}:{translation.get_language()}")

    def get_context_data(self, *, vocabulary_version: str | None = None, **kwargs):
        """`vocabulary_version`: the token get() read, so the search need not read it again
        (None for a visitor whose page is not kept: the search reads it itself)."""
        results = search.find_practitioners(self.request.GET or None,
                                            page=self.request.GET.get("page", 1),
                                            vocabulary_version=vocabulary_version)
        context = super().get_context_data(search=results, form=results.form,
                                           page_obj=results.page, **kwargs)
        # The form and the results in Jinja2, as the cards and the form's fields are: Django's
        # template language took a fifth of a results page to render them.
        template = engines["jinja2"].get_template("clinics/search_page.html")
        context["content"] = SafeString(template.render(
            {**context, "map_attributes": map_attributes()}, self.request))
        return context


class PractitionerDetailView(DetailView):
    """A profile for anyone at a published clinic; unvetted ones say so plainly."""

    template_name = "clinics/practitioner_detail.html"

    def get_queryset(self):
        published = Location.objects.filter(clinic__status=Clinic.Status.PUBLISHED)
        return Practitioner.objects.at_published_clinic().with_licence_state().prefetch_related(
            "languages", "modalities", "specialties",
            Prefetch("locations", queryset=published.select_related("clinic").prefetch_related(
                "clinic__payers"), to_attr="public_locations"),
            Prefetch("credentials", queryset=Credential.objects.exclude(
                status=Credential.Status.REJECTED).order_by("kind", "-expires_on")),
            Prefetch("credentials__checks", queryset=CredentialCheck.objects.order_by(
                "-checked_at", "-pk")),
            Prefetch("practitionercondition_set",
                     queryset=presenters.conditions_treated_queryset(), to_attr="treats"),
        )

    def get_context_data(self, **kwargs):
        practitioner = self.object
        rules = scope.barring_rules(
            states=[location.state for location in practitioner.public_locations],
            credentials=practitioner.credentials.all(),
            offers_dry_needling=any(modality.slug == DRY_NEEDLING_SLUG
                                    for modality in practitioner.modalities.all()))
        return super().get_context_data(
            structured_data=presenters.practitioner_json_ld(self.request, practitioner),
            dry_needling_rules=rules, **kwargs
        )


class ClinicDetailView(DetailView):
    template_name = "clinics/clinic_detail.html"

    def get_queryset(self):
        practitioners = (
            Practitioner.objects.with_licence_state()
            .order_by("-is_vetted", "name")
            .prefetch_related("modalities")
        )
        return Clinic.objects.published().prefetch_related(
            "locations", "payers",
            Prefetch("locations__practitioners", queryset=practitioners),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            practitioners=presenters.clinic_practitioners(self.object),
            mapped_locations=[location for location in self.object.locations.all()
                              if location.lat is not None and location.lng is not None],
            map_attributes=map_attributes(),
            structured_data=presenters.clinic_json_ld(self.request, self.object),
            **kwargs,
        )


class ConfirmDetailsView(TemplateView):
    """GET /listings/confirm/<token>/: the emailed link; its one button confirms the listing.

    No login: the signed token names the clinic and the member it was sent to. The link
    opens a page with the button rather than confirming on GET, because mail scanners and
    link previews open links in email, and a listing confirmed by a robot would be marked
    fresh when nobody looked at it.
    """

    template_name = "clinics/confirm_details.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.clinic, self.member = freshness.read_confirm_link(kwargs["token"])
        except ValidationError as error:
            return self.render_to_response({"error": " ".join(error.messages)}, status=400)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        practitioners = (Practitioner.objects.filter(locations__clinic=self.clinic)
                         .distinct().order_by("name"))
        return super().get_context_data(clinic=self.clinic, practitioners=practitioners,
                                        payers=self.clinic.payers.order_by("name"), **kwargs)

    def post(self, request, *args, **kwargs):
        freshness.confirm_details(clinic=self.clinic, by=self.member,
                                  reason="Confirmed from the emailed link")
        return self.render_to_response(self.get_context_data(confirmed=True))
