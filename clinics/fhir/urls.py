from django.urls import path

from . import views

app_name = "fhir"

urlpatterns = [
    path("", views.NotFoundView.as_view(), {"rest": ""}, name="root"),
    path("metadata", views.CapabilityView.as_view(), name="metadata"),
    path("<str:resource_type>", views.SearchView.as_view(), name="search"),
    path("<str:resource_type>/<str:ident>", views.ReadView.as_view(), name="read"),
    path("<path:rest>", views.NotFoundView.as_view(), name="not-found"),
]
