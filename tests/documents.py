"""Real document files for upload tests, made here rather than checked in.

PDF, PNG and JPEG are already in the form the site stores (pypdf and Pillow write them the
way clinics/documents.py does), so an upload of one is stored byte for byte; the builders
make the hostile ones: polyglots, bombs and oversized images.
"""

import io
import struct
import zlib

import pypdf
from PIL import Image

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"


def make_pdf(pages: int = 1) -> bytes:
    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_image(image_format: str, size: tuple[int, int] = (4, 4), mode: str = "RGB",
               **options) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, image_format, **options)
    return out.getvalue()


PDF = make_pdf()
PNG = make_image("PNG")
JPEG = make_image("JPEG", quality=90)


def png_declaring(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` pixels, with one tiny (wrong) IDAT."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def raw_pdf(*objects: bytes) -> bytes:
    """A PDF written byte by byte: `objects` are numbered from 1, object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def deflated_spaces(size: int) -> bytes:
    """`size` spaces, deflated (about 1000:1), built a megabyte at a time."""
    compressor = zlib.compressobj(9)
    megabyte = b" " * (1024 * 1024)
    deflated = b"".join(compressor.compress(megabyte) for _ in range(size // len(megabyte)))
    return deflated + compressor.compress(b" " * (size % len(megabyte))) + compressor.flush()


def pdf_with_stream_inflating_to(*sizes: int) -> bytes:
    """A one-page PDF with a content stream per size, each that many bytes once inflated;
    the whole never sits in memory while it is built."""
    streams = [deflated_spaces(size) for size in sizes]
    contents = b" ".join(b"%d 0 R" % (4 + index) for index in range(len(streams)))
    return raw_pdf(
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents [%s] >>" % contents,
        *(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data
          + b"\nendstream" for data in streams),
    )
