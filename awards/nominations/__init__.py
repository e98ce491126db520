"""Nominations: committees submit entries with documents, organizers review them."""
