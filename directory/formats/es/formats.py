"""Spanish as written in the United States: numbers take a decimal point and a thousands
comma, as prices and distances do on the English pages ($80.00, 2.6 millas), where Django's
Spanish formats would write "80,00". Dates are written as Django writes them in Spanish
("20 de octubre de 2026"), stated here beside the English ones in ../en/formats.py; everything
else comes from Django's own."""

DATE_FORMAT = r"j \d\e F \d\e Y"
DATETIME_FORMAT = r"j \d\e F \d\e Y \a \l\a\s H:i"

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
