"""Spanish as written in the United States: numbers take a decimal point and a thousands
comma, as prices and distances do on the English pages ($80.00, 2.6 millas), where Django's
Spanish formats would write "80,00". Dates and everything else come from Django's own."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
