"""The admin of the directory's reference data: the vocabularies staff edit (conditions,
specialties, treatments, insurers, languages) and the derived search index, read-only.
Registered when clinics/admin.py imports this module."""

from django.contrib import admin

from directory.admin import ReadOnlyAdmin

from .models import Condition, Language, Modality, Payer, SearchEntry, Specialty


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug", "icd10_code", "specialty_names"]
    list_filter = ["specialties"]
    search_fields = ["name", "name_es", "synonyms", "icd10_code"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["specialties"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("specialties")

    @admin.display(description="specialties")
    def specialty_names(self, condition):
        return ", ".join(s.name for s in condition.specialties.all())


@admin.register(Specialty, Modality)
class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "slug"]
    search_fields = ["name", "name_es"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Payer)
class PayerAdmin(VocabularyAdmin):
    pass


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["name", "name_es", "code"]
    search_fields = ["name", "name_es", "code"]


@admin.register(SearchEntry)
class SearchEntryAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Read-only view of the derived search index, for checking why someone is (not) listed."""

    list_display = ["workplace", "practitioner", "clinic", "licence_kind", "licence_jurisdiction",
                    "licence_expires_on", "flags"]
    list_select_related = ["practitioner", "clinic", "workplace__location"]
    search_fields = ["practitioner__name", "clinic__name"]
    date_hierarchy = "licence_expires_on"
    show_full_result_count = False
