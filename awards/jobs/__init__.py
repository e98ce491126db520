"""Background jobs: long work (issuing certificates, importing scorecards, bulk emails) run by
a worker process while the page shows its progress."""
