import re

import pytest
from django.utils import translation

from articles.markup import render_markdown

DANGEROUS = [
    "<script>alert('x')</script>Hello",
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)" onmouseover="alert(2)">Hello</p>',
    "[click me](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<p style="position:fixed;top:0">Hello</p>',
    "<style>body { display: none }</style>Hello",
    '<iframe src="https://example.com"></iframe>',
    '<svg onload="alert(1)"></svg>',
]


@pytest.mark.parametrize("markdown", DANGEROUS)
def test_render_markdown_dangerous_input_is_removed(markdown):
    html = render_markdown(markdown).lower()

    for fragment in ("<script", "alert", "javascript:", "style", "onerror", "onclick",
                     "onload", "onmouseover", "<iframe", "<svg", "<img"):
        assert fragment not in html


def test_render_markdown_keeps_ordinary_formatting():
    markdown = (
        "## Section\n\n### Subsection\n\nSome *emphasis*, **strong** and `code`.\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n"
        "[a source](https://doi.org/10.1000/xyz)\n\n"
        "| Level | Meaning |\n|:------|--------:|\n| Limited | few trials |\n"
    )

    html = render_markdown(markdown)

    for fragment in (
        "<h2>Section</h2>", "<h3>Subsection</h3>", "<em>emphasis</em>", "<strong>strong</strong>",
        "<code>code</code>", "<ul>\n<li>one</li>", "<ol>\n<li>first</li>", "<blockquote>",
        '<a href="https://doi.org/10.1000/xyz" rel="noopener noreferrer nofollow">a source</a>',
        "<table>", '<th align="left">Level</th>', '<td align="right">few trials</td>',
    ):
        assert fragment in html


def test_render_markdown_top_level_heading_becomes_h2():
    assert render_markdown("# Title") == "<h2>Title</h2>"


# --- The site's own links, in the page's language --------------------------------------------

def hrefs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)"', html)


@pytest.mark.parametrize(("written", "spanish"), [
    ("/conditions/lupus/", "/es/conditions/lupus/"),
    ("/practitioners/?near=78704&radius=10#results",
     "/es/practitioners/?near=78704&amp;radius=10#results"),
    ("/", "/es/"),
    ("http://localhost:8000/conditions/lupus/", "http://localhost:8000/es/conditions/lupus/"),
    # Left as written: other sites, pages with one language, addresses that name a
    # language already, paths that are no page, and fragments.
    ("https://doi.org/10.1000/xyz", "https://doi.org/10.1000/xyz"),
    ("https://example.org/conditions/lupus/", "https://example.org/conditions/lupus/"),
    ("//example.org/conditions/lupus/", "//example.org/conditions/lupus/"),
    ("/account/login/", "/account/login/"),
    ("/es/conditions/lupus/", "/es/conditions/lupus/"),
    ("/no/such/page/", "/no/such/page/"),
    ("#references", "#references"),
])
def test_render_markdown_points_spanish_links_at_spanish_pages(settings, written, spanish):
    settings.SITE_URL = "http://localhost:8000"
    markdown = f"See [this page]({written})."

    assert hrefs(render_markdown(markdown, "es")) == [spanish]
    assert hrefs(render_markdown(markdown, "en")) == [written.replace("&", "&amp;")]


def test_render_markdown_spanish_links_do_not_depend_on_the_active_language():
    # An editor whose browser asks for Spanish saves the page from the English admin.
    with translation.override("es"):
        spanish = render_markdown("[Lupus](/conditions/lupus/)", "es")
        english = render_markdown("[Lupus](/conditions/lupus/)", "en")

    assert hrefs(spanish) == ["/es/conditions/lupus/"]
    assert hrefs(english) == ["/conditions/lupus/"]


def test_render_markdown_localises_a_raw_html_link_too():
    html = render_markdown('<a title="x" href="/conditions/lupus/">Lupus</a>', "es")

    assert hrefs(html) == [] and 'href="/es/conditions/lupus/"' in html
