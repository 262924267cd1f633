"""End to end: the real app in headless Chromium (Debian's chromium + chromium-driver, never a downloaded
browser). Starts the server on a loopback port with an empty store, loads the demo minutes, asks a decision
question, opens a citation, uploads a file and sees its result. Screenshots go to tests/artifacts/.

Skips where Chromium is not installed (a user's machine) unless REFERENT_REQUIRE_BROWSER=1 (set by .ci/run,
which installs it).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.slow


def _require_browser() -> None:
    if CHROMIUM.exists() and CHROMEDRIVER.exists():
        return
    reason = "Debian chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)"
    if os.environ.get("REFERENT_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    _require_browser()
    port = _free_port()
    env = {**os.environ, "REFERENT_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    env.pop("REFERENT_APP_PASSWORD", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail(f"the app did not start: {process.stdout.read().decode(errors='replace')[-2000:]}")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def browser():
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def _wait_for(driver, xpath: str, timeout: float = 240):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(expected_conditions.presence_of_element_located((By.XPATH, xpath)))


def _no_exception(driver) -> None:
    from selenium.webdriver.common.by import By

    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid='stException']"), "the page shows a Python exception"
    assert "Traceback" not in driver.find_element(By.TAG_NAME, "body").text


def _shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def test_demo_ask_open_citation_upload(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(server)
    _wait_for(browser, "//button[normalize-space(.)='Indlæs demo-referaterne']").click()
    _wait_for(browser, "//*[@data-testid='stMetricValue' and normalize-space(.)='4']")
    _shot(browser, "1-demo-loaded")
    _no_exception(browser)

    box = _wait_for(browser, "//textarea[@data-testid='stChatInputTextArea']")
    box.send_keys("Hvem stemte imod cykelstien langs Åvej?")
    box.send_keys(Keys.ENTER)
    _wait_for(browser, "//*[contains(text(), 'Jens Holm og Lise Berg')]")
    _shot(browser, "2-answer")
    citation = _wait_for(browser, "//details//summary[contains(., 'Teknik- og Miljøudvalget 12-03-2025, pkt. 2')]")
    citation.click()
    _wait_for(browser, "//mark[contains(., 'Godkendt med 5 stemmer for og 2 imod.')]")
    time.sleep(1)
    _shot(browser, "3-citation-open")
    _no_exception(browser)

    _wait_for(browser, "//*[@role='tab' and normalize-space(.)='Dokumenter']").click()
    upload = tmp_path / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
    shutil.copy(FIXTURES / upload.name, upload)
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    file_input = _wait_for(browser, "//input[@type='file']")
    file_input.send_keys(f"{upload}\n{broken}")
    _wait_for(browser, "//button[normalize-space(.)='Indlæs']").click()
    _wait_for(browser, "//*[contains(text(), 'solbjerg-teknik-og-miljoe-2025-03-12.txt: indlæst')]")
    _wait_for(browser, "//*[contains(text(), 'broken.json: fejl') and contains(text(), 'malformed JSON')]")
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid='stProgress']")  # the upload's progress bar
    _shot(browser, "4-upload-result")
    _no_exception(browser)
