"""``make serve``: a contributor's edit to one YAML file shows in the open page (live reload, dirty rebuilds)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from tools.bench import reload_seconds

pytestmark = pytest.mark.browser


def test_an_edit_to_an_example_shows_in_the_open_page_after_each_save(browser):
    # Each run saves the file with a new marker and waits (up to a minute) until the page shows it;
    # the time itself is the benchmark's business (python -m tools.bench --reload).
    assert len(reload_seconds(ROOT, 2, browser)) == 2
