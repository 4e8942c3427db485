"""Textual user interface: screens that show services' results. No business logic here."""
