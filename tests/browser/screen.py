"""Checks of what a phone shows."""


def fits_the_screen(page) -> bool:
    """No horizontal scrolling, measured once the page has loaded. The load event matters: the suite's frozen
    clock puts the live server's Date header months away from Chromium's real clock, so Chromium finds its
    cached stylesheets stale and revalidates them on every page, and the layout settles only when they are in."""
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
