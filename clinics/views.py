from django.views.generic import TemplateView

from .models import Condition, Specialty


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            specialties=Specialty.objects.prefetch_related("conditions"),
            conditions=Condition.objects.all(),
            **kwargs,
        )
