"""Service layer: what the commands and the TUI do, independent of how it is shown."""
