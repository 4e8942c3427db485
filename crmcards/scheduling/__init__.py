"""Scheduling layer: the FSRS scheduler behind the 1–5 ratings, and the daily due queue."""
