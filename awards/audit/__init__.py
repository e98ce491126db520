"""The one audit log of the whole app: who changed what in a program, when, from what, and why."""
