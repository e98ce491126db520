"""Certificates and the ceremony program as print-ready PDFs, rendered from themes."""
