"""Forms that staff (in the admin) and clinic owners (clinics.owners) both use."""

from django import forms

from . import geocoding
from .models import Location
from .services import NOT_FOUND, UNAVAILABLE


class LocationForm(forms.ModelForm):
    """An address; one the geocoder cannot place is refused before anything is saved.

    The admin saves what its forms accept, so the check has to happen here; the owners'
    services geocode again when they save, which the gazetteer or the geocoder's cache
    answers. The admin validates inside its own transaction, where geocoding is refused;
    clinics.admin looks the submitted addresses up before it (geocoding.answers_kept()).
    """

    class Meta:
        model = Location
        fields = ["label", "street", "city", "state", "zip_code"]
        labels = {"label": "Name for this location (optional)"}

    def clean(self):
        data = super().clean()
        if self.errors or not self.has_changed():
            return data
        try:
            place = geocoding.geocode_address(
                street=data.get("street", ""), city=data.get("city", ""),
                state=data.get("state", ""), zip_code=data.get("zip_code", ""),
            )
        except geocoding.GeocodingUnavailable:
            self.add_error("zip_code", UNAVAILABLE)
            return data
        if place is None:
            self.add_error("zip_code", NOT_FOUND)
        return data
