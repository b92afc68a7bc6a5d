"""Private file storage: credential documents, kept under MEDIA_ROOT with no public URL.

A document's URL is the permission-checked download view, so every link to one (the owner's
dashboard, the admin's "Currently:" link) goes through the same access rule.
"""

from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateDocumentStorage(FileSystemStorage):
    def url(self, name):
        return reverse("owners:document", kwargs={"name": name})


private_documents = PrivateDocumentStorage()
