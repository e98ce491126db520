"""Judging: jury assignment, conflicts of interest, scorecards and their audit trail."""
