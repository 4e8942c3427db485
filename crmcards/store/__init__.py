"""Store layer: SQLModel tables and the repository functions; the only place with SQL.

Only light names live here, so that code can ask about the database without importing
SQLAlchemy (which takes about half a second).
"""

DB_FILENAME = "crmcards.db"
