"""Running an installation: the demo programs, backups and restores. Used by the CLI and the
tests; no page imports it."""
