"""The reviewers' page in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`, which .ci/run installs) driven by Selenium against `recall-screen serve`,
through the queue, a verdict given from the keyboard, and the queue updating."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_serve import Served, start, stop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
RECALL = {
    "source": "CPSC",
    "recall_id": "24-101",
    "title": "Acme Recalls ZoomKart Electric Ride-On Toys Due to Fire Hazard",
    "product_name": "ZoomKart Electric Ride-On Toy",
    "brand": "Acme",
    "models": "ZK-2000X",
    "url": "https://www.cpsc.gov/Recalls/2024/acme-recalls-zoomkart",
    "hazard": "The battery can overheat, posing a fire hazard.",
    "jurisdictions": "US",
}
REVIEWED = {"title": "Kids ride-on kart ZoomKart toy with remote control", "ship_to": "US"}


@pytest.fixture
def browser() -> Iterator[Any]:
    if not (CHROMIUM and CHROMEDRIVER):
        message = "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs them (.ci/run): missing there is a failure
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    recalls = tmp_path / "recalls.ndjson"
    recalls.write_text(json.dumps(RECALL) + "\n", encoding="utf-8")
    server = start(tmp_path, "--recalls", f"cpsc={recalls}")
    try:
        yield server
    finally:
        stop(server)


def wait_for(driver: Any, condition: Any, timeout: float = 20) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_a_reviewer_works_the_queue_from_the_keyboard(served: Served, browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    decided = []
    for n in (1, 2):
        status, decision = served.json(
            "POST", "/v1/screen", {**REVIEWED, "listing_id": f"L-{n}", "seller_id": f"S-{n}"}
        )
        assert status == 200 and decision["decision"] == "review", decision
        decided.append(decision["decision_id"])

    browser.get(served.api + "/v1/review/")
    browser.find_element(By.ID, "key").send_keys(served.key)
    browser.find_element(By.ID, "reviewer").send_keys("rev-ana")
    browser.find_element(By.ID, "load").click()

    def queue(driver: Any) -> list[str]:
        # Read in one script: the list is re-rendered as the page works, so no element is held.
        found: list[str] = driver.execute_script(
            "return [...document.querySelectorAll('#queue li[role=option]')].map(li => li.dataset.decision)"
        )
        return found

    wait_for(browser, lambda d: queue(d) == decided)
    shown = browser.execute_script(
        "const d = document.getElementById('detail');"
        "return {decision: d.dataset.decision, recall: d.dataset.recall, text: d.innerText,"
        " marks: [...d.querySelectorAll('.pair mark')].map(m => m.textContent.toLowerCase())};"
    )
    assert (shown["decision"], shown["recall"]) == (decided[0], "CPSC#24-101")
    # The listing beside the notice, the evidence marked in both.
    assert "zoomkart" in " ".join(shown["marks"])
    assert "fire hazard" in shown["text"].lower()
    browser.save_screenshot(str(tmp_path / "review-page.png"))

    browser.find_element(By.ID, "note").send_keys("same kart as the notice's photo", Keys.ESCAPE)
    browser.find_element(By.TAG_NAME, "body").send_keys("c")

    wait_for(browser, lambda d: queue(d) == decided[1:])
    assert "confirmed: new decision block" in browser.find_element(By.ID, "status").text
    assert browser.find_element(By.ID, "detail").get_attribute("data-decision") == decided[1]

    status, verdicts = served.json("GET", f"/v1/decisions/{decided[0]}/verdicts")
    assert status == 200
    (verdict,) = verdicts["verdicts"]
    assert (verdict["verdict"], verdict["reviewer"], verdict["note"]) == (
        "confirm",
        "rev-ana",
        "same kart as the notice's photo",
    )
    status, queue_now = served.json("GET", "/v1/reviews")
    assert [r["decision"]["decision_id"] for r in queue_now["reviews"]] == decided[1:]
