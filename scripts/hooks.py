"""MkDocs hooks: each event handed to the module of its concern (see scripts/redsite/hooks/).

mkdocs-static-i18n rebuilds the site once per language on the same config object;
`STATE.current_language()` asks it which build is running.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).parent))  # MkDocs loads hooks by path, not as a package

from redsite.hooks import content, i18n, outputs, templates
from redsite.hooks.state import BuildState, is_outer_build

STATE = BuildState()  # one per `mkdocs build` (all languages); the outer build resets it


def on_config(config):
    if is_outer_build(config):
        STATE.start(config)
    i18n.configure_nav(config, STATE.current_language(config), STATE)
    return config


def on_files(files, config):
    if is_outer_build(config):
        content.check_content()
    return files


def on_env(env, config, files):
    return templates.share_compiled_templates(env)  # the theme compiled once, not once per language


def on_page_content(html, page, config, files):
    return content.page_content(html, page, STATE.current_language(config), files, STATE)


def on_page_context(context, page, config, nav):
    return i18n.page_context(context, page, STATE.current_language(config), config, STATE)


def on_template_context(context, template_name, config):
    return i18n.language_context(context, STATE.current_language(config), STATE)


def on_post_page(output, page, config):
    return i18n.hreflang(output, page, config, STATE)


def on_post_template(output, template_name, config):
    i18n.remember_404(output, template_name, STATE.current_language(config), STATE)
    return output


@event_priority(-200)  # after static-i18n has built every language and merged the search index
def on_post_build(config):
    site = Path(config.site_dir)
    i18n.write_404s_and_search(site, STATE)
    if is_outer_build(config):  # its on_post_build comes last: every language is built
        outputs.publish(site, STATE)
