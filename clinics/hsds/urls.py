from django.urls import path

from . import views

app_name = "hsds"

urlpatterns = [
    path("", views.RootView.as_view(), name="root"),
    path("organizations", views.OrganizationListView.as_view(), name="organization-list"),
    path("organizations/<str:id>", views.OrganizationDetailView.as_view(),
         name="organization-detail"),
    path("services", views.ServiceListView.as_view(), name="service-list"),
    path("services/<str:id>", views.ServiceDetailView.as_view(), name="service-detail"),
    path("service_at_locations", views.ServiceAtLocationListView.as_view(),
         name="service-at-location-list"),
]
