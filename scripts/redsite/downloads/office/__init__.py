"""The DOCX and ODT guides of the method pages, made by pandoc with the reference documents beside this file."""
