"""Store layer: SQLModel tables and the repository functions; the only place with SQL.

Where the database file is: crmcards.locations.
"""
