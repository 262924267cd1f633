"""End to end: the real app in headless Chromium (Debian's chromium + chromium-driver, never a downloaded
browser), at 1400 px and at 400 px. Starts the server on a loopback port with an empty store, loads the demo
minutes, asks a question answered from the PDF and opens its citation (the page with the quote highlighted),
asks one answered from a text file and opens it (numbered lines, the quote marked), uploads a good and a bad
file and sees the counts change; then, on a fresh store, asks what is new since the last meeting of a committee
(answered from the summaries) and opens that meeting, uploads the committee's next agenda (a test fixture, not
a demo file: the demo stays four sets of minutes) and reads its brief, each item with its dated earlier
treatments, and downloads the brief as Word (opened with python-docx: the quotes numbered, the sources listed).
Every step fails on any English text of Streamlit's own, on any Python exception and on a page wider than the
screen, and leaves a screenshot in tests/artifacts/. One server per test (a few seconds): each starts empty.

Skips where Chromium is not installed (a user's machine) unless REFERENT_REQUIRE_BROWSER=1 (set by .ci/run,
which installs it).
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import FIXTURES, ROOT
from tests.streamlit_english import english_in

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
AGENDA = FIXTURES / "lilleaa-teknik-og-miljoe-2025-06-11-dagsorden.txt"  # the demo committee's next meeting
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = pytest.mark.slow

# What a user sees: text not hidden by CSS and not an icon's ligature name, and the visible fields' placeholders
# and tooltips (a text Streamlit writes in its own words, or the app replaced with Danish CSS, is either here or not).
VISIBLE_TEXT = """
const seen = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode, element = node.parentElement;
  if (!element || !node.textContent.trim()) continue;
  if (element.closest('[aria-hidden="true"], [data-testid="stIconMaterial"], script, style, noscript, template')) continue;
  const style = getComputedStyle(element);
  if (parseFloat(style.fontSize) === 0 || !element.checkVisibility({visibilityProperty: true})) continue;
  seen.push(node.textContent.trim());
}
for (const element of document.querySelectorAll('[placeholder], [title]')) {
  if (!element.checkVisibility({visibilityProperty: true})) continue;
  for (const name of ['placeholder', 'title']) if (element.getAttribute(name)) seen.push(element.getAttribute(name));
}
return seen;
"""


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
    process = subprocess.Popen(  # started in the project folder: Streamlit reads .streamlit/config.toml there
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


@pytest.fixture(params=[1400, 400], ids=["1400px", "400px"])
def browser(request):
    _require_browser()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size={request.param},1000", "--lang=da-DK"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.width = request.param
    yield driver
    _shot(driver, "0-last-state")  # where a failing run stopped
    driver.quit()


def _wait_for(driver, xpath: str, timeout: float = 240):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(expected_conditions.presence_of_element_located((By.XPATH, xpath)))


def _click(driver, element) -> None:
    """Scrolled to the middle of the screen first: on a phone the header would take a click at the top."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def _settled(driver, seconds: float = 1.0) -> None:
    """Wait until the script has finished its run (the status widget gone), then a moment for the page."""
    from selenium.webdriver.common.by import By

    deadline = time.time() + 120
    while driver.find_elements(By.CSS_SELECTOR, "[data-testid='stStatusWidgetRunningIcon']") and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(seconds)


def _check_page(driver) -> None:
    """No Python exception, nothing of Streamlit's own English, nothing wider than the screen, no developer tooling."""
    from selenium.webdriver.common.by import By

    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid='stException']"), "the page shows a Python exception"
    assert "Traceback" not in driver.find_element(By.TAG_NAME, "body").text
    assert english_in(driver.execute_script(VISIBLE_TEXT)) == []
    assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth;"), "wider than the screen"
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid='stAppDeployButton'], [data-testid='stMainMenu']")


def _shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / f"{name}-{driver.width}px.png"))


def _step(driver, name: str) -> None:
    """The end of a step: the page settled, a screenshot, and the page checked."""
    _settled(driver)
    _shot(driver, name)
    _check_page(driver)


def _highlighted_pixels(png: bytes) -> int:
    """Pixels of the quote's highlight (the page's white under translucent yellow) in a screenshot."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(1 for r, g, b in image.getdata() if r > 235 and 215 < g < 250 and 110 < b < 185)


def _ask(driver, question: str) -> None:
    from selenium.webdriver.common.keys import Keys

    box = _wait_for(driver, "//*[@data-testid='stBottom']//textarea[@data-testid='stChatInputTextArea']")  # pinned
    box.send_keys(question)
    box.send_keys(Keys.ENTER)


def _choose_files(driver, *paths: Path) -> None:
    """Files given to the uploader; given again if the page was redrawn under the first attempt."""
    from selenium.common.exceptions import TimeoutException

    for _attempt in range(3):
        _wait_for(driver, "//input[@type='file']").send_keys("\n".join(str(p) for p in paths))
        try:
            _wait_for(driver, f"//*[@data-testid='stFileChipName'][@title='{paths[-1].name}']", 30)  # a long name shows shortened
            return
        except TimeoutException:
            _settled(driver)
    pytest.fail(f"the uploader never listed {paths[-1].name}")


def _load_demo(driver, url: str) -> None:
    driver.get(url)
    _wait_for(driver, "//button[normalize-space(.)='Indlæs demo-referaterne']")
    _settled(driver)
    _check_page(driver)  # the empty archive: filters without options still say "Alle kommuner"
    _click(driver, _wait_for(driver, "//button[normalize-space(.)='Indlæs demo-referaterne']"))
    _wait_for(driver, "//*[@data-testid='stMetricValue' and normalize-space(.)='4']")
    _wait_for(driver, "//*[contains(text(), 'lilleaa-oekonomiudvalget-2025-04-02.pdf: indlæst')]")
    _settled(driver)


def _downloaded(folder: Path, pattern: str) -> Path:
    """The file a download button saved (Browser.setDownloadBehavior), once Chromium has finished writing it."""
    for _ in range(120):
        done = [p for p in folder.glob(pattern) if p.stat().st_size] if folder.is_dir() else []
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.5)
    pytest.fail(f"nothing matching {pattern} was downloaded")


def test_citations_open_their_source_and_uploads_update_the_counts(server, browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    _load_demo(browser, server)
    _shot(browser, "1-demo-loaded")
    _check_page(browser)

    _ask(browser, "Hvad blev besluttet om salget af grunden?")
    _wait_for(browser, "//*[contains(text(), 'Godkendt med 4 stemmer for og 1 imod.')]")
    _settled(browser)
    _click(browser, _wait_for(browser, "//details//summary[contains(., 'Økonomiudvalget 02-04-2025, pkt. 2')]"))
    page = _wait_for(browser, "//img[contains(@alt, 'med citatet markeret')]")
    _settled(browser, 2)
    assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0;", page)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", page)
    assert _highlighted_pixels(page.screenshot_as_png) > 500  # the highlight is on the screen, not only in the file
    assert browser.find_element(By.XPATH, "//*[contains(text(), 'side 2 af 2: citatet er markeret')]")
    ActionChains(browser).move_to_element(page).perform()  # a tooltip of Streamlit's own would show now
    time.sleep(1)
    _shot(browser, "2-citation-pdf-page")
    _check_page(browser)
    downloads = tmp_path / "downloads"  # the file itself: the second action
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    _click(browser, _wait_for(browser, "//button[contains(., 'Hent lilleaa-oekonomiudvalget-2025-04-02.pdf (side 2)')]"))
    saved = downloads / "lilleaa-oekonomiudvalget-2025-04-02.pdf"
    for _ in range(120):
        if saved.is_file() and saved.read_bytes() == (ROOT / "samples" / saved.name).read_bytes():
            break
        time.sleep(0.5)
    assert saved.is_file() and saved.read_bytes() == (ROOT / "samples" / saved.name).read_bytes()
    _check_page(browser)

    _ask(browser, "Hvem stemte imod cykelstien langs Åvej?")
    _wait_for(browser, "//*[contains(text(), 'Jens Holm og Lise Berg')]")
    _settled(browser)
    _click(browser, _wait_for(browser, "//details//summary[contains(., 'Teknik- og Miljøudvalget 12-03-2025, pkt. 2')]"))
    marked = _wait_for(browser, "//div[@class='referent-line'][.//mark[contains(., 'Jens Holm og Lise Berg')]]")
    assert marked.find_element(By.CLASS_NAME, "referent-lineno").text.isdigit()
    _settled(browser)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", marked)
    _shot(browser, "3-citation-numbered-lines")
    _check_page(browser)

    _click(browser, _wait_for(browser, "//*[@role='tab' and normalize-space(.)='Dokumenter']"))
    _wait_for(browser, "//*[@data-testid='stFileUploader']")
    _settled(browser, 2)
    upload = tmp_path / "solbjerg-teknik-og-miljoe-2025-03-12.txt"
    shutil.copy(FIXTURES / upload.name, upload)
    broken = tmp_path / "broken.json"
    broken.write_text("{ not json", encoding="utf-8")
    _choose_files(browser, upload, broken)
    _settled(browser)
    _check_page(browser)  # the uploader in Danish, its files listed
    _click(browser, _wait_for(browser, "//button[normalize-space(.)='Indlæs']"))
    _wait_for(browser, "//*[contains(text(), 'solbjerg-teknik-og-miljoe-2025-03-12.txt: indlæst')]")
    _wait_for(browser, "//*[contains(text(), 'broken.json: fejl') and contains(text(), 'malformed JSON')]")
    _wait_for(browser, "//*[@data-testid='stMetricValue' and normalize-space(.)='5']")  # the counts, drawn again
    _settled(browser)
    expand = browser.find_elements(By.CSS_SELECTOR, "[data-testid='stExpandSidebarButton'] button, "
                                                    "button[data-testid='stExpandSidebarButton']")
    if expand:  # the phone's collapsed sidebar, opened to see the counts
        _click(browser, expand[0])
        _settled(browser)
    _shot(browser, "4-upload-counts")
    _check_page(browser)


def test_whats_new_an_agenda_brief_with_its_history_and_its_word_export(server, browser, tmp_path):
    """'Nyt siden sidste møde' answered from the summaries and opening its meeting; an agenda (the demo
    committee's next meeting, uploaded) whose brief shows each item's earlier treatments, dated, with their
    decisions; the brief downloaded as Word, opened with python-docx, its quotes numbered and its sources listed."""
    import docx
    from selenium.webdriver.common.by import By

    _load_demo(browser, server)
    _ask(browser, "Hvad er nyt siden sidste møde i Teknik- og Miljøudvalget?")
    _wait_for(browser, "//*[contains(text(), 'Nyt på Lilleå, Teknik- og Miljøudvalget 14-05-2025 (referat), siden mødet "
                       "Lilleå, Teknik- og Miljøudvalget 12-03-2025')]")
    _settled(browser)  # the answer is written as it comes, then replaced by the checked one
    answer = browser.find_element(By.XPATH, "//*[contains(text(), 'Nyt på Lilleå')]").text
    assert "Nye punkter" in answer and "pkt. 3 «Affaldsplan 2025-2030»" in answer and "«Udsat til næste møde.» [1]" in answer, answer
    _step(browser, "5-whats-new")
    _click(browser, _wait_for(browser, "//button[contains(., 'Åbn mødet')]"))
    _wait_for(browser, "//h3[contains(., '14-05-2025 · Lilleå, Teknik- og Miljøudvalget · referat')]")  # that meeting's view
    _wait_for(browser, "//*[@role='tab' and @aria-selected='true' and normalize-space(.)='Møder']")
    _wait_for(browser, "//em[normalize-space(.)='Beslutning']")
    _step(browser, "6-meeting-opened")

    agenda = tmp_path / AGENDA.name  # the committee's next meeting: an agenda, no decisions yet
    shutil.copy(AGENDA, agenda)
    _click(browser, _wait_for(browser, "//*[@role='tab' and normalize-space(.)='Dokumenter']"))
    _wait_for(browser, "//*[@data-testid='stFileUploader']")
    _settled(browser, 2)
    _choose_files(browser, agenda)
    _click(browser, _wait_for(browser, "//button[normalize-space(.)='Indlæs']"))
    _wait_for(browser, f"//*[contains(text(), '{agenda.name}: indlæst')]")
    _wait_for(browser, "//*[@data-testid='stMetricValue' and normalize-space(.)='5']")
    _step(browser, "7-agenda-uploaded")
    _click(browser, _wait_for(browser, "//*[@role='tab' and normalize-space(.)='Møder']"))
    _wait_for(browser, "//h3[contains(., 'Teknik- og Miljøudvalget')]")
    _settled(browser)
    _click(browser, _wait_for(browser, "//*[@data-testid='stSelectbox']//button[@aria-haspopup='listbox']"))  # its list
    _click(browser, _wait_for(browser, "//*[@role='option'][contains(., '11-06-2025') and contains(., 'dagsorden')]"))
    _wait_for(browser, "//h3[contains(., '11-06-2025 · Lilleå, Teknik- og Miljøudvalget · dagsorden')]")
    _wait_for(browser, "//*[contains(text(), 'Dagsorden: ingen beslutninger endnu')]")
    earlier = [e.text for e in browser.find_elements(By.XPATH, "//em[starts-with(normalize-space(.), 'Tidligere:')]")]
    assert earlier == ["Tidligere: Lilleå, Teknik- og Miljøudvalget 14-05-2025, pkt. 3 «Affaldsplan 2025-2030»",
                       "Tidligere: Lilleå, Teknik- og Miljøudvalget 12-03-2025, pkt. 2 «Ny cykelsti langs Åvej»",
                       "Tidligere: Lilleå, Teknik- og Miljøudvalget 14-05-2025, pkt. 1 «Ny cykelsti langs Åvej - resultat af udbud»"]
    assert browser.find_elements(By.XPATH, "//*[contains(text(), 'Udsat til næste møde.')]")  # the earlier decisions
    assert browser.find_elements(By.XPATH, "//*[contains(text(), 'Godkendt med 5 stemmer for og 2 imod.')]")
    assert not browser.find_elements(By.XPATH, "//em[normalize-space(.)='Beslutning']")  # an agenda decides nothing yet
    _settled(browser)
    heading = browser.find_element(By.XPATH, "//h3[contains(., '11-06-2025')]")  # the meeting, then its first items
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'});", heading)
    _step(browser, "8-agenda-brief")

    downloads = tmp_path / "downloads"
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    _click(browser, _wait_for(browser, "//button[contains(., 'Hent som Word')]"))
    saved = _downloaded(downloads, "forberedelse-*.docx")
    paragraphs = [p.text for p in docx.Document(str(saved)).paragraphs]
    assert paragraphs[0] == "Forberedelse: Lilleå, Teknik- og Miljøudvalget 11-06-2025 (dagsorden)"
    body = "\n".join(paragraphs[: paragraphs.index("Kilder")])
    sources = paragraphs[paragraphs.index("Kilder") + 1:]
    assert "«Udsat til næste møde.» [2]" in body and "Imod stemte Jens Holm og Lise Berg, som ønskede sagen udsat til efter høringen.» [4]" in body
    assert sources[:2] == ["[1] Lilleå, Teknik- og Miljøudvalget 11-06-2025, pkt. 2, Indstilling, l. 32-32",
                           "[2] Lilleå, Teknik- og Miljøudvalget 14-05-2025, pkt. 3, Beslutning, l. 20-20"]
    assert "[4] Lilleå, Teknik- og Miljøudvalget 12-03-2025, pkt. 2, Beslutning, l. 38-38" in sources
    assert all(f"[{n}]" in body for n in range(1, len(sources) + 1))  # every listed source is cited
    _step(browser, "9-word-downloaded")
