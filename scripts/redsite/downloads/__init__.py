"""Downloadable and derived outputs of a build: editable guides, feeds, offline copies, the timeline."""
