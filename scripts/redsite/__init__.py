"""The RED knowledge site logic: content model, page checks, rendering, PDFs (see the layout table in README.md)."""
