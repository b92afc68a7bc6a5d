"""Private file storage: credential documents, with no public URL wherever they are kept.

The "documents" entry of settings.STORAGES says where: a folder under MEDIA_ROOT (the
default), or an S3 bucket (clinics/object_storage.py). A document's URL is the
permission-checked download view in both cases, so every link to one (the owner's
dashboard, the admin's "Currently:" link) goes through the same access rule, and that view
reads the file through the storage API, never by a filesystem path.
"""

from typing import cast

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils.deconstruct import deconstructible
from django.utils.functional import LazyObject, empty


class CheckedDocumentURLs:
    """Storage mix-in: a file's URL is the download view that checks who asks."""

    def url(self, name, *args, **kwargs):
        return reverse("owners:document", kwargs={"name": name})


@deconstructible
class PrivateDocumentStorage(CheckedDocumentURLs, FileSystemStorage):
    """Documents under MEDIA_ROOT, a folder that no URL serves."""


class DocumentStorage(LazyObject):
    """The "documents" storage, looked up on first use, as Django's default_storage is.

    Looking it up late (and again after a test overrides STORAGES) lets the environment
    choose the backend without the model or its migrations naming one.
    """

    _wrapped: object  # the storage once looked up, else `empty`

    def _setup(self):
        self._wrapped = storages["documents"]


documents = DocumentStorage()


def document_storage() -> Storage:
    """The credential FileField's storage; a callable, so migrations record no backend."""
    return cast("Storage", documents)  # a proxy for one, as django-stubs types default_storage


@receiver(setting_changed)
def _forget_document_storage(*, setting, **kwargs):
    if setting == "STORAGES":
        documents._wrapped = empty
