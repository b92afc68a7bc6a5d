import pytest

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
