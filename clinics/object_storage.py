"""Credential documents in an S3-compatible bucket, kept private (DJANGO_STORAGE=s3).

Its own module so that boto3 is imported only by a site that stores documents this way.
"""

from storages.backends.s3 import S3Storage

from .storage import CheckedDocumentURLs


class PrivateS3DocumentStorage(CheckedDocumentURLs, S3Storage):
    """Documents as private objects; the site reads them with its own keys and serves them.

    The attributes below take precedence over any AWS_* setting, and settings.py passes only
    where the bucket is and how to reach it, so nothing gives a document a public ACL or a
    public or presigned link: url() is the checked download view, and custom_domain (which
    would make links unsigned) stays off.
    """

    default_acl = "private"
    querystring_auth = True
    custom_domain = None
    # Names are random already; never overwrite an object that happens to share one.
    file_overwrite = False
    # Should a presigned link ever be made by hand, browsers still save, not render, it.
    object_parameters = {"ContentDisposition": "attachment"}
    # Reading spools the object in memory (uploads are 5 MB at most), so no copy of a
    # document lands on the web server's disk.
    max_memory_size = 0
