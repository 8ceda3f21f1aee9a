"""The catalog filter in a real browser (Debian's Chromium): it filters, announces, resets, and degrades."""

from __future__ import annotations

from redsite.render import count_template, none_template


def visible_items(page) -> list[str]:
    return page.eval_on_selector_all(
        ".red-catalog__item", "items => items.filter(i => !i.hidden && i.offsetParent !== null)"
                              ".map(i => i.getAttribute('data-regions'))")


def test_filter_hides_non_matching_items_and_announces_the_count(served_site, browser):
    page = browser.new_page()
    page.goto(served_site + "ru/methods/")  # the form shows once the filter script has run
    page.wait_for_selector("form[data-red-filter]", state="visible")
    everything = visible_items(page)
    assert len(everything) > 2
    # The keyboard alone: focus the region select and pick the next option.
    page.focus("[data-red-filter-field='regions']")
    page.keyboard.press("ArrowDown")
    chosen = page.eval_on_selector("[data-red-filter-field='regions']", "select => select.value")
    shown = visible_items(page)
    assert shown and all(chosen in regions.split() for regions in shown)
    assert len(shown) == sum(chosen in regions.split() for regions in everything)
    status = page.locator("form[data-red-filter] [role='status']")
    assert status.get_attribute("aria-live") == "polite"
    expected = count_template("method", len(everything), "ru").format(shown=len(shown), total=len(everything))
    assert status.text_content() == expected
    page.click("form[data-red-filter] button[type='reset']")
    page.wait_for_function("() => document.querySelectorAll('.red-catalog__item[hidden]').length === 0")
    assert len(visible_items(page)) == len(everything)
    page.close()


def test_no_match_is_announced(served_site, browser):
    page = browser.new_page()
    page.goto(served_site + "sv/methods/")  # the form shows once the filter script has run
    page.wait_for_selector("form[data-red-filter]", state="visible")
    values = {field: page.eval_on_selector_all(f"[data-red-filter-field='{field}'] option",
                                               "options => options.map(o => o.value)")
              for field in ("work-package", "themes", "regions")}
    items = page.eval_on_selector_all(".red-catalog__item", "items => items.map(i => ["
                                      "i.dataset.workPackage.split(' '), i.dataset.themes.split(' '),"
                                      " i.dataset.regions.split(' ')])")
    combination = next(((theme, region) for theme in values["themes"][1:] for region in values["regions"][1:]
                        if not any(theme in item[1] and region in item[2] for item in items)), None)
    assert combination, "every theme occurs in every region: no empty combination to test"
    page.select_option("[data-red-filter-field='themes']", combination[0])
    page.select_option("[data-red-filter-field='regions']", combination[1])
    assert visible_items(page) == []
    assert page.locator("form[data-red-filter] [role='status']").text_content() == none_template("method", "sv")
    page.close()


def test_without_javascript_the_full_list_shows_and_no_dead_form(served_site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "methods/")
    assert not page.is_visible("form[data-red-filter]")
    total = page.locator(".red-catalog__item").count()
    assert total > 2 and page.locator(".red-catalog__item:visible").count() == total
    context.close()


def test_the_origin_filter_shows_only_the_methods_of_that_origin_in_a_browser(served_site, browser):
    page = browser.new_page()
    page.goto(served_site + "sv/methods/")  # the form shows once the filter script has run
    page.wait_for_selector("form[data-red-filter]", state="visible")
    shown = "items => items.filter(i => !i.hidden && i.offsetParent !== null).map(i => i.getAttribute('data-origin'))"
    everything = page.eval_on_selector_all(".red-catalog__item", shown)
    page.select_option("[data-red-filter-field='origin']", "lead-partner")
    page.wait_for_function("() => document.querySelectorAll('.red-catalog__item[hidden]').length > 0")
    filtered = page.eval_on_selector_all(".red-catalog__item", shown)
    assert filtered == ["lead-partner"] * everything.count("lead-partner") and len(filtered) < len(everything)
    expected = count_template("method", len(everything), "sv").format(shown=len(filtered), total=len(everything))
    assert page.locator("form[data-red-filter] [role='status']").text_content() == expected
    page.close()
