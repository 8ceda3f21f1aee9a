"""The downloads of a build: the PDF guides and handbooks (`pdf`), the DOCX/ODT guides (`office`), the offline
zips (`offline`), and the links that offer the feed and the offline copy (`feed_and_offline_links`)."""
