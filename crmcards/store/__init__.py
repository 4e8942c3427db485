"""Store layer: SQLModel tables and the repository functions; the only place with SQL."""
