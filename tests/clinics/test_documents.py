"""clinics/documents.py on hostile bytes: a clean rewrite or a ValidationError, never a crash
(a crash would be a 500 for the owner who uploaded the file)."""

import io

import pypdf
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from clinics.documents import clean_document
from tests.documents import JPEG, PDF, PNG

ORIGINALS = {"pdf": PDF, "png": PNG, "jpg": JPEG}


@st.composite
def damaged(draw):
    """A real document with bytes flipped, cut off or spliced in."""
    suffix = draw(st.sampled_from(sorted(ORIGINALS)))
    data = bytearray(ORIGINALS[suffix])
    for _ in range(draw(st.integers(1, 8))):
        position = draw(st.integers(0, len(data) - 1))
        data[position] = draw(st.integers(0, 255))
    if draw(st.booleans()):
        data = data[: draw(st.integers(8, len(data)))]
    if draw(st.booleans()):
        position = draw(st.integers(8, len(data)))
        data[position:position] = draw(st.binary(max_size=64))
    return suffix, bytes(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_documents_are_rewritten_or_refused_never_crash(case):
    suffix, data = case
    try:
        clean = clean_document(data, suffix)
    except ValidationError:
        return
    # What is kept opens as the type it claims to be.
    if suffix == "pdf":
        assert len(pypdf.PdfReader(io.BytesIO(clean.content)).pages) >= 1
    else:
        Image.open(io.BytesIO(clean.content)).load()
