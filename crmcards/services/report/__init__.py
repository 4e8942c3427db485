"""Progress reports: the figures (figures.py), their formats, and the class view (merge.py)."""
