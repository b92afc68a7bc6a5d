"""Uploaded documents are rewritten before they are kept: polyglots lose their passengers,
bombs and oversized images are refused with a message, and nothing is half-saved."""

import io
import tracemalloc

import pypdf
import pytest
from PIL import Image, PngImagePlugin

from clinics.models import Credential
from tests.clinics.owners.test_credentials_upload import files_under, upload
from tests.conftest import verified_login
from tests.documents import (
    HTML,
    JPEG,
    PDF,
    PNG,
    make_image,
    make_pdf,
    pdf_with_stream_inflating_to,
    png_declaring,
    raw_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_client(client, listing):
    verified_login(client, listing.owner)
    return client


def stored(private_media) -> bytes:
    credential = Credential.objects.get(number="AC99999")
    return (private_media / credential.document.name).read_bytes()


def assert_refused(response, private_media, message):
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Credential.objects.filter(number="AC99999").count() == 0
    assert not private_media.exists() or files_under(private_media) == []


# Images


def png_with_text_chunk(text: bytes) -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", text.decode())
    return make_image("PNG", pnginfo=info)


@pytest.mark.parametrize(("name", "content"), [
    ("tail.png", PNG + HTML),  # a PNG/HTML polyglot: HTML after the image's end
    ("chunk.png", png_with_text_chunk(HTML)),  # HTML in a text chunk
    ("tail.jpg", JPEG + HTML),
    ("comment.jpg", make_image("JPEG", comment=HTML)),  # HTML in a JPEG comment
])
def test_image_polyglot_is_stored_without_its_html(owner_client, listing, private_media,
                                                   name, content):
    response = upload(owner_client, listing, name, content)

    assert response.status_code == 302
    kept = stored(private_media)
    assert b"<script" not in kept
    assert Image.open(io.BytesIO(kept)).size == (4, 4)


def test_image_declaring_65535_square_pixels_is_refused_before_decoding(
    owner_client, listing, private_media
):
    response = upload(owner_client, listing, "huge.png", png_declaring(65535, 65535))

    assert_refused(response, private_media, "more than the 25,000,000 pixels we accept")


def test_image_over_the_pixel_setting_is_refused(owner_client, listing, private_media,
                                                 settings):
    # A real, decodable image that Pillow's own bomb limit (89 MP) would let through.
    settings.DOCUMENT_IMAGE_MAX_PIXELS = 1000
    response = upload(owner_client, listing, "scan.png", make_image("PNG", size=(40, 30)))

    assert_refused(response, private_media, "more than the 1,000 pixels we accept")


def test_image_at_the_pixel_setting_is_kept(owner_client, listing, private_media, settings):
    settings.DOCUMENT_IMAGE_MAX_PIXELS = 1200
    response = upload(owner_client, listing, "scan.png", make_image("PNG", size=(40, 30)))

    assert response.status_code == 302
    assert Image.open(io.BytesIO(stored(private_media))).size == (40, 30)


def test_damaged_image_is_refused_with_a_message(owner_client, listing, private_media):
    truncated = make_image("PNG", size=(200, 200), mode="RGB")[:120]

    response = upload(owner_client, listing, "scan.png", truncated)

    assert_refused(response, private_media, "This image could not be read")


# PDFs


def test_pdf_with_html_after_it_is_stored_as_a_clean_rewrite(owner_client, listing,
                                                             private_media):
    response = upload(owner_client, listing, "licence.pdf", PDF + HTML)

    assert response.status_code == 302
    kept = stored(private_media)
    assert b"<script" not in kept
    assert kept.endswith(b"%%EOF\n")
    assert len(pypdf.PdfReader(io.BytesIO(kept)).pages) == 1


def test_pdf_with_html_before_it_is_refused(owner_client, listing, private_media):
    response = upload(owner_client, listing, "licence.pdf", HTML + PDF)

    assert_refused(response, private_media, "Upload a PDF, PNG or JPEG file.")


def test_pdf_scripts_and_open_actions_are_not_kept(owner_client, listing, private_media):
    scripted = raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R"
        b" /Names << /JavaScript << /Names [(x) 4 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /AA << /O 4 0 R >>"
        b" /Annots [5 0 R] >>",
        b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A 4 0 R >>",
    )

    response = upload(owner_client, listing, "licence.pdf", scripted)

    assert response.status_code == 302
    kept = stored(private_media)
    assert b"JavaScript" not in kept
    assert b"app.alert" not in kept
    assert len(pypdf.PdfReader(io.BytesIO(kept)).pages) == 1


def test_pdf_form_keeps_its_filled_in_look_without_its_scripts(owner_client, listing,
                                                               private_media):
    appearance = b"BT /F1 12 Tf 10 10 Td (AC12345) Tj ET"
    filled = raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [6 0 R] >> >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Annots [5 0 R] >>",
        b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
        b"<< /Type /Annot /Subtype /Widget /Rect [0 0 200 30] /Parent 6 0 R /AA << /Fo 4 0 R >>"
        b" /AP << /N 7 0 R >> >>",
        b"<< /FT /Tx /T (licence) /V (AC12345) /Kids [5 0 R] /AA << /K 4 0 R >> >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 200 30] /Length %d >>\nstream\n"
        % len(appearance) + appearance + b"\nendstream",
    )

    response = upload(owner_client, listing, "licence.pdf", filled)

    assert response.status_code == 302
    kept = stored(private_media)
    assert b"JavaScript" not in kept
    assert b"/Widget" in kept
    assert appearance in kept


def test_pdf_inflating_to_200_megabytes_is_refused_within_bounded_memory(
    owner_client, listing, private_media
):
    bomb = pdf_with_stream_inflating_to(200 * 1024 * 1024)
    assert len(bomb) < 5 * 1024 * 1024  # it passes the upload's own size check

    tracemalloc.start()
    try:
        response = upload(owner_client, listing, "licence.pdf", bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert_refused(response, private_media, "holds more data than a scanned licence needs")
    assert peak < 150 * 1024 * 1024


def test_pdf_whose_streams_together_pass_the_total_is_refused(owner_client, listing,
                                                              private_media, settings):
    settings.DOCUMENT_PDF_MAX_INFLATED_BYTES = 1500

    response = upload(owner_client, listing, "licence.pdf",
                      pdf_with_stream_inflating_to(1000, 1000))

    assert_refused(response, private_media, "holds more data than a scanned licence needs")


def test_pdf_whose_streams_stay_within_the_limits_is_kept(owner_client, listing,
                                                          private_media, settings):
    settings.DOCUMENT_PDF_MAX_STREAM_BYTES = 1024
    settings.DOCUMENT_PDF_MAX_INFLATED_BYTES = 2048

    response = upload(owner_client, listing, "licence.pdf",
                      pdf_with_stream_inflating_to(1000, 1000))

    assert response.status_code == 302
    assert b"FlateDecode" in stored(private_media)


def test_pdf_over_the_page_setting_is_refused(owner_client, listing, private_media, settings):
    settings.DOCUMENT_PDF_MAX_PAGES = 2

    response = upload(owner_client, listing, "licence.pdf", make_pdf(pages=3))

    assert_refused(response, private_media, "This PDF has 3 pages; we accept up to 2.")


@pytest.mark.parametrize("content", [
    b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n",  # no catalog, no pages
    PDF[: len(PDF) // 2],  # cut off halfway
    b"%PDF-1.7\n" + b"\x00" * 300,
])
def test_malformed_pdf_is_refused_with_a_message(owner_client, listing, private_media,
                                                 content):
    response = upload(owner_client, listing, "licence.pdf", content)

    assert_refused(response, private_media, "This PDF could not be read")


@pytest.mark.parametrize("mode", ["RGB", "L", "1", "P"])
def test_pdf_of_a_scanned_page_is_kept_with_its_image(owner_client, listing, private_media,
                                                      mode):
    # Pillow writes a scan as scanners do: one page holding one image, compressed the way
    # its colour mode calls for (JPEG, Flate or CCITT fax).
    out = io.BytesIO()
    Image.new(mode, (850, 1100), "white").save(out, "PDF", resolution=100)
    scan = out.getvalue()

    response = upload(owner_client, listing, "scan.pdf", scan)

    assert response.status_code == 302
    page = pypdf.PdfReader(io.BytesIO(stored(private_media))).pages[0]
    assert [image.image.size for image in page.images] == [(850, 1100)]
