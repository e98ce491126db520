"""Background jobs: long work a domain registers (issuing certificates, importing scorecards,
bulk emails) run by a worker process while the page shows its progress; and outgoing email,
sent by the worker with retries. Knows no domain above programs."""
