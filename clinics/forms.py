"""Forms that staff (in the admin) and clinic owners (clinics.owners) both use."""

from django import forms

from . import geocoding
from .models import Location


class LocationForm(forms.ModelForm):
    """An address; one the geocoder cannot place is refused before anything is saved.

    The admin saves what its forms accept, so the check has to happen here; the owners'
    services geocode again when they save, which the geocoder's cache answers.
    """

    class Meta:
        model = Location
        fields = ["label", "street", "city", "state", "zip_code"]
        labels = {"label": "Name for this location (optional)"}

    def clean(self):
        data = super().clean()
        if self.errors or not self.has_changed():
            return data
        place = geocoding.geocode_address(
            street=data.get("street", ""), city=data.get("city", ""),
            state=data.get("state", ""), zip_code=data.get("zip_code", ""),
        )
        if place is None:
            self.add_error("zip_code",
                           "We could not find this address. Check the ZIP code and city.")
        return data
