"""The site's one way of writing a date in English, day first ("20 October 2026"), as most
of its pages already wrote it: templates print a date with the plain |date filter (or
|date:"DATETIME_FORMAT" for a time too) and Python with django.utils.formats.date_format,
so no page spells a format of its own. Spanish has its own in ../es/formats.py."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
