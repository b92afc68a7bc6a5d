"""The editorial desk: writing, medical review and publishing of condition pages and guides."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from directory.admin import Queue, register_queue

from . import checks, services
from .models import Article, ArticlePublication, Author, FAQItem, Reference

register_queue(Queue(
    label="Articles in review",
    changelist="admin:articles_article_changelist",
    query="status__exact=in_review",
    count=lambda: Article.objects.in_review().count(),
    permission="articles.change_article",
))
register_queue(Queue(
    label="Pages due for review",
    changelist="admin:articles_article_changelist",
    query="review=due",
    count=lambda: Article.objects.due_for_review().count(),
    permission="articles.change_article",
))


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", "Live and due for review")]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_review()
        return queryset



class OverrideForm(forms.Form):
    override_reason = forms.CharField(
        label="Override reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Why these warnings are acceptable. It is kept with the page's publication record.",
    )


def _kept(formset) -> list:
    """The inline forms that will remain after saving: not deleted, not left empty."""
    return [form for form in formset.forms
            if form.is_valid() and form.cleaned_data and not form.cleaned_data.get("DELETE")]


class LivePageFAQFormSet(BaseInlineFormSet):
    """The last check on an edit to a published page, run once the page's own fields are
    cleaned: with this FAQ as submitted, the page must still pass the publishing rules and
    add no new editorial warning (services.check_published_edit)."""

    def clean(self):
        super().clean()
        article = self.instance
        if article.pk is None or article.status != Article.Status.PUBLISHED:
            return
        kept = sorted(_kept(self), key=lambda form: form.cleaned_data.get("position") or 0)
        faqs = [(form.cleaned_data.get("question", ""), form.cleaned_data.get("answer", ""))
                for form in kept]
        services.check_published_edit(article, faqs=faqs)
        article._edited_faqs = faqs  # for save_model, which runs before the FAQ is saved


class ReferencesKeptFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        article = self.instance
        if article.pk and article.status == Article.Status.PUBLISHED and not _kept(self):
            raise ValidationError("A published page needs at least one reference. Archive the "
                                  "page first to remove them all.")


class FAQItemInline(admin.TabularInline):
    model = FAQItem
    formset = LivePageFAQFormSet
    extra = 0
    fields = ["position", "question", "answer"]


class ReferenceInline(admin.StackedInline):
    model = Reference
    formset = ReferencesKeptFormSet
    extra = 0
    fields = ["position", "citation", ("doi", "pmid"), "url"]


class PublicationInline(admin.TabularInline):
    model = ArticlePublication
    extra = 0
    can_delete = False
    fields = ["published_at", "published_by", "overridden", "override_reason"]
    readonly_fields = fields
    verbose_name_plural = "publication record"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="warnings overridden")
    def overridden(self, publication):
        return ", ".join(publication.overridden_codes) or "none"


@admin.register(Author)
class AuthorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "credentials"]
    search_fields = ["name", "credentials"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "language", "kind", "condition", "status", "publish_at",
                    "last_reviewed_on", "next_review_on", "medical_reviewer"]
    list_filter = [ReviewDueFilter, "status", "language", "kind", "evidence_level",
                   "condition__specialties"]
    search_fields = ["title", "slug", "summary", "condition__name"]
    list_select_related = ["condition", "medical_reviewer"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["condition", "author", "medical_reviewer", "translation_of"]
    readonly_fields = ["status", "editorial_checks", "translation_links", "created_at", "updated_at"]
    inlines = [FAQItemInline, ReferenceInline, PublicationInline]
    actions = ["send_to_review", "publish", "archive"]
    show_full_result_count = False
    fieldsets = [
        ("Before publishing", {"fields": ["editorial_checks"]}),
        (None, {"fields": ["title", "slug", "kind", "condition", "summary", "body"]}),
        ("Language", {"fields": ["language", "translation_of", "translation_links"],
                      "description": "A translation is reviewed, checked and published "
                                     "like any page, by its own reviewer."}),
        ("Evidence and safety", {"fields": [
            "evidence_level", "evidence_explanation", "safety_notes"]}),
        ("Review", {"fields": ["author", "medical_reviewer", "last_reviewed_on",
                                "next_review_on"]}),
        ("Publishing", {"fields": ["status", "publish_at", "meta_description"]}),
        ("Record", {"fields": ["created_at", "updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        services.save_article(article=obj, by=request.user,
                              faqs=getattr(obj, "_edited_faqs", None))

    @admin.display(description="translations")
    def translation_links(self, article):
        """Links to this page's translations, and to add the missing ones, prefilled."""
        if not article.pk or article.translation_of_id:
            return "—"
        have = {t.language: t for t in article.translations.all()}
        links = []
        for code, name in Article.Language.choices:
            if code == article.language:
                continue
            if code in have:
                url = reverse("admin:articles_article_change", args=[have[code].pk])
                links.append(format_html('<a href="{}">{} ({})</a>', url, name,
                                         have[code].get_status_display().lower()))
            else:
                query = urlencode({"translation_of": article.pk, "language": code,
                                   "kind": article.kind, "condition": article.condition_id or "",
                                   "slug": f"{article.slug}-{code}"})
                url = reverse("admin:articles_article_add")
                links.append(format_html('<a href="{}?{}">Add the {} version</a>', url, query,
                                         name))
        return format_html_join(" · ", "{}", ((link,) for link in links))

    @admin.display(description="checks")
    def editorial_checks(self, article):
        """What blocks publishing, then what needs a reason to publish anyway."""
        if not article.pk:
            return "Save the page to run the checks."
        problems = services.publishing_problems(article)
        warnings = checks.check_article(article)
        if not problems and not warnings:
            return format_html('<p class="editorial-ok">{}</p>', "Ready to publish: every rule passes and there are no warnings.")
        parts = []
        if problems:
            parts.append(format_html(
                '<p><strong>Cannot be published yet:</strong></p><ul class="editorial-problems">{}</ul>',
                format_html_join("", "<li>{}</li>", ((p,) for p in problems)),
            ))
        if warnings:
            parts.append(format_html(
                '<p><strong>Warnings</strong> (publishing anyway needs a recorded reason):</p>'
                '<ul class="editorial-warnings">{}</ul>',
                format_html_join(
                    "", '<li data-code="{}">{} <em>{}:</em> “{}”</li>',
                    ((w.code, w.message, w.field, w.excerpt) for w in warnings),
                ),
            ))
        return format_html_join("", "{}", ((part,) for part in parts))

    @admin.action(description="Send selected pages to medical review", permissions=["change"])
    def send_to_review(self, request, queryset):
        self._apply_each(request, queryset, services.submit_for_review, "Sent to review")

    @admin.action(description="Archive selected pages", permissions=["change"])
    def archive(self, request, queryset):
        self._apply_each(request, queryset, services.archive_article, "Archived")

    def _apply_each(self, request, queryset, service, done):
        succeeded = 0
        for article in queryset:
            try:
                service(article=article, by=request.user)
            except ValidationError as error:
                self.message_user(request, f"{article}: {' '.join(error.messages)}", messages.ERROR)
                continue
            self.log_change(request, article, done)
            succeeded += 1
        if succeeded:
            self.message_user(request, f"{done}: {succeeded} page(s).", messages.SUCCESS)

    @admin.action(description="Publish selected pages…", permissions=["change"])
    def publish(self, request, queryset):
        """Pages that fail a rule are refused; warnings need a reason on an intermediate page."""
        ready, warned = [], []
        for article in queryset.prefetch_related("faqs"):
            if article.status == Article.Status.PUBLISHED:
                self.message_user(request, f"{article}: already published.", messages.WARNING)
            elif problems := services.publishing_problems(article):
                self.message_user(
                    request, f"{article} was not published: {' '.join(problems)}", messages.ERROR
                )
            elif warnings := checks.check_article(article):
                warned.append((article, warnings))
            else:
                ready.append(article)
        if not warned:
            self._apply_each(request, ready, services.publish_article, "Published")
            return None

        form = OverrideForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["override_reason"]
            self._apply_each(request, ready, services.publish_article, "Published")
            self._apply_each(
                request, [article for article, _ in warned],
                lambda *, article, by: services.publish_article(
                    article=article, by=by, override_reason=reason),
                "Published with editorial warnings overridden",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Publish pages with editorial warnings",
            "form": form,
            "warned": warned,
            "ready": ready,
            "opts": self.model._meta,
            "action": request.POST.get("action", ""),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "articles/admin_publish.html", context)
