"""crmcards: spaced-repetition flashcards in the terminal for the Dutch CRM course."""

__version__ = "0.1.0"
