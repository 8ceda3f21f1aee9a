"""The command lines: the validator, the scaffolder and the check of a change. pyproject.toml installs
them as red-check-translations, red-new-page and red-check-changed; scripts/ holds thin wrappers."""
