"""Editorial condition pages. The models arrive with the condition-pages work."""
