"""Command line: parses arguments, calls services, prints results. No business logic here."""
