"""Uploaded credential documents, made safe to keep and to hand to staff.

The only module that decodes an uploaded file. What is stored is never the sender's bytes:

- Images (PNG, JPEG) are decoded by Pillow, only after their declared size is checked
  against settings.DOCUMENT_IMAGE_MAX_PIXELS, and encoded afresh with no metadata. Whatever
  rode along in the file (HTML after the image data, a script in a text chunk or a JPEG
  comment, EXIF with a GPS position) is left behind.
- PDFs are parsed by pypdf and refused if malformed, longer than DOCUMENT_PDF_MAX_PAGES, or if
  any stream inflates past DOCUMENT_PDF_MAX_STREAM_BYTES (or all of them together past
  DOCUMENT_PDF_MAX_INFLATED_BYTES). Inflating is bounded by pypdf's own limits, so a bomb
  stops at the limit instead of filling memory. The pages are then written out as a new
  PDF: bytes before or after the document, the document's scripts, open actions, embedded
  files and form logic, and links are not copied; a filled-in form keeps how it looks.

Each failure is a ValidationError with a message the owner can act on.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import filetype
import pypdf
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from PIL import Image, ImageOps
from pypdf.errors import LimitReachedError, PyPdfError
from pypdf.filters import decode_stream_data
from pypdf.generic import ArrayObject, IndirectObject, NameObject, StreamObject

log = logging.getLogger(__name__)

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# Sniffed type -> the suffix the stored file gets. Nothing else is accepted: not SVG (it can
# carry scripts), not HTML, not executables, whatever the file is called.
DOCUMENT_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
# Pillow's decoders for exactly the types the form accepts; no other format is tried.
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG"}


@dataclass(frozen=True)
class CleanDocument:
    content: bytes
    suffix: str  # "pdf", "png" or "jpg": what the content is


def validate_document(upload: UploadedFile) -> str:
    """The suffix for an upload whose content is a PDF, PNG or JPEG; ValidationError if not."""
    if (upload.size or 0) > MAX_DOCUMENT_BYTES:
        raise ValidationError("The file is larger than 5 MB. Scan at a lower resolution.")
    head = upload.read(2048)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        raise ValidationError(
            "Upload a PDF, PNG or JPEG file. This file's content is none of those, "
            "whatever its name says."
        )
    return DOCUMENT_TYPES[kind.mime]


def clean_upload(upload: UploadedFile) -> SimpleUploadedFile:
    """What a form stores for `upload`: the cleaned rewrite, never the sender's bytes.

    Its name and type come from the content, never from the sender: a bucket keeps the
    type with the object and would answer with it.
    """
    suffix = validate_document(upload)
    clean = clean_document(upload.read(), suffix)
    content_type = {suffix: mime for mime, suffix in DOCUMENT_TYPES.items()}[clean.suffix]
    return SimpleUploadedFile(f"document.{clean.suffix}", clean.content, content_type)


def clean_document(data: bytes, suffix: str) -> CleanDocument:
    """The bytes to store for an upload sniffed as `suffix`; ValidationError if unsafe."""
    if suffix == "pdf":
        return CleanDocument(rewrite_pdf(data), "pdf")
    return CleanDocument(reencode_image(data, IMAGE_FORMATS[suffix]), suffix)


def reencode_image(data: bytes, image_format: str) -> bytes:
    """The image's pixels in a new file of the same format, with nothing else kept."""
    limit = settings.DOCUMENT_IMAGE_MAX_PIXELS
    too_big = ValidationError(
        "This image has more than the %(limit)s pixels we accept. Scan at a lower "
        "resolution (300 dpi is plenty for a licence).",
        code="too_many_pixels", params={"limit": f"{limit:,}"})
    try:
        # open() reads the header only; the pixels are decoded by load(), after the check.
        # Pillow refuses a header past twice its own limit (89 MP) itself; the same answer.
        try:
            image = Image.open(io.BytesIO(data), formats=[image_format])
        except Image.DecompressionBombError as error:
            raise too_big from error
        width, height = image.size
        if width * height > limit:
            raise too_big
        image.load()
        # Keep the page the right way up, then drop every piece of metadata.
        pixels: Image.Image = ImageOps.exif_transpose(image)
        pixels.info = {}
        out = io.BytesIO()
        if image_format == "JPEG":
            if pixels.mode not in ("L", "RGB", "CMYK"):
                pixels = pixels.convert("RGB")
            pixels.save(out, "JPEG", quality=90)
        else:
            pixels.save(out, "PNG", optimize=False)
    except ValidationError:
        raise
    except Exception as error:  # a decoder fed hostile bytes fails in many ways
        log.info("image refused: %r", error)
        raise ValidationError(
            "This image could not be read; it may be damaged. Save or scan it again.",
            code="bad_image",
        ) from error
    return out.getvalue()


def _pdf_limits() -> dict[str, int]:
    names = ("zlib_maximum_output_length", "lzw_maximum_output_length",
             "run_length_maximum_output_length", "brotli_maximum_output_length",
             "jbig2_maximum_output_length", "array_based_stream_maximum_output_length",
             "image_maximum_buffer_size", "stream_decoding_work_maximum_length")
    return dict.fromkeys(names, settings.DOCUMENT_PDF_MAX_STREAM_BYTES)


def _pdf_configuration() -> pypdf.Configuration:
    """pypdf's limits, with every decompression bounded by the stream setting."""
    return pypdf.get_configuration().with_overwrites(**_pdf_limits())


def _check_streams(reader: pypdf.PdfReader) -> None:
    """Inflate every stream once, within the limits, keeping none of the results."""
    budget = settings.DOCUMENT_PDF_MAX_INFLATED_BYTES
    numbers = {(num, gen) for gen, table in reader.xref.items() for num in table}
    numbers |= {(num, 0) for num in reader.xref_objStm}
    for num, gen in sorted(numbers):
        obj = IndirectObject(num, gen, reader).get_object()
        if isinstance(obj, StreamObject):
            # decode_stream_data, unlike get_data(), caches nothing on the object; a stream
            # with no filter is its bytes in the file.
            encoded = "/Filter" in obj
            budget -= len(decode_stream_data(obj) if encoded else obj.get_data())
            if budget < 0:
                raise LimitReachedError("all streams together inflate past the limit")


# Annotations that only show something (a filled-in form field, a stamp, a note), kept with
# their appearance; links, attachments and media are dropped.
VISIBLE_ANNOTATIONS = {"/Widget", "/Stamp", "/FreeText", "/Text", "/Square", "/Circle",
                       "/Line", "/Polygon", "/PolyLine", "/Highlight", "/Underline",
                       "/StrikeOut", "/Squiggly", "/Ink", "/Caret"}


def _drop_actions(page: pypdf.PageObject) -> None:
    """Strip what can act from `page` before it is copied, so nothing it points at is copied
    either: its open/close actions, annotations other than visible ones, and those
    annotations' actions and links into the form's field tree (which holds field scripts)."""
    page.pop("/AA", None)
    annotations = page.get("/Annots")
    if annotations is None:
        return
    kept = ArrayObject()
    for reference in annotations.get_object():
        annotation = reference.get_object()
        if annotation.get("/Subtype") in VISIBLE_ANNOTATIONS:
            for key in ("/A", "/AA", "/Parent"):
                annotation.pop(key, None)
            kept.append(reference)
    page[NameObject("/Annots")] = kept


def rewrite_pdf(data: bytes) -> bytes:
    """A new PDF holding the upload's pages, or ValidationError."""
    try:
        with pypdf.apply_configuration(_pdf_configuration()):
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise ValidationError("This PDF is password-protected. Upload it without a "
                                      "password.", code="encrypted_pdf")
            pages = len(reader.pages)
            if pages == 0:
                raise PyPdfError("no pages")
            if pages > settings.DOCUMENT_PDF_MAX_PAGES:
                raise ValidationError(
                    "This PDF has %(pages)s pages; we accept up to %(limit)s. Upload only "
                    "the pages of the licence or certificate.", code="too_many_pages",
                    params={"pages": pages, "limit": settings.DOCUMENT_PDF_MAX_PAGES})
            _check_streams(reader)
            writer = pypdf.PdfWriter()
            for page in reader.pages:
                _drop_actions(page)
                writer.add_page(page)
            out = io.BytesIO()
            writer.write(out)
    except ValidationError:
        raise
    except LimitReachedError as error:
        raise ValidationError(
            "This PDF holds more data than a scanned licence needs once unpacked, so we "
            "cannot accept it. Save it again from your scanner or as a plain PDF.",
            code="pdf_too_large",
        ) from error
    except Exception as error:
        # pypdf raises many kinds of error for a damaged file (its own, and KeyError,
        # IndexError, struct.error, RecursionError ...); any of them means "unreadable".
        log.info("PDF refused: %r", error)
        raise ValidationError(
            "This PDF could not be read; it may be damaged. Save or scan it again.",
            code="bad_pdf",
        ) from error
    return out.getvalue()
