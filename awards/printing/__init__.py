"""The print engine: certificate and program PDFs from themes and plain values; no domain."""
