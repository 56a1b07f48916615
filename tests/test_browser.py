"""The HTML report and dashboard in headless Chromium: clicking a finding highlights its span,
filters work, nothing is fetched from the network and nothing is logged as an error.
Screenshots go to tests/artifacts/ for a person to look at."""
import json
import os
import shutil
from pathlib import Path

import pytest

from checker.cli import main

from conftest import ROOT, SAMPLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian chromium and chromium-driver not installed")
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAWED = ("某区法治政府建设2023年上半年工作总结\n一、工作开展情况\n全区依法行政水平持续提升，办理复议案件35件。\n"
          "二、存在的问题\n一是执法不规范。三是普法不够。\n三、下一步工作打算\n一是加强培训。\n")


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    flawed = folder / "flawed.txt"
    flawed.write_text(FLAWED, encoding="utf-8")
    out = folder / "out"
    main(["check", str(SAMPLE), str(flawed), "--format", "json,html", "--output-dir", str(out)])
    return out


def chrome(window: str = "1400,1000", downloads: Path | None = None):
    """Headless Debian Chromium with the flags this closed network needs, logging network requests
    and console messages; ``downloads``: where downloads land without asking."""
    os.environ.setdefault("SE_OFFLINE", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--window-size={window}", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    browser = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    if downloads is not None:
        browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    return browser


@pytest.fixture(scope="module")
def driver():
    browser = chrome()
    yield browser
    browser.quit()


def _requests(driver) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _shot(driver, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / name))


def test_report_page_click_and_filter(driver, pages):
    from selenium.webdriver.common.by import By

    driver.get((pages / "flawed.html").as_uri())
    _shot(driver, "report-top.png")
    link = next(a for a in driver.find_elements(By.CSS_SELECTOR, ".finding-link")
                if "numbering.sequence" in a.find_element(By.XPATH, "ancestor::li[contains(@class,'rule')]").text
                and "三是" in a.find_element(By.XPATH, "..").text)
    finding = link.get_attribute("data-finding")
    link.click()
    marks = driver.find_elements(By.CSS_SELECTOR, "mark.active, .pin.active")
    assert marks and any(m.text == "三是" for m in marks)
    _shot(driver, "report-clicked.png")
    mark = driver.find_element(By.ID, finding)
    driver.execute_script("arguments[0].click()", mark)
    assert "active" in driver.find_element(By.ID, f"{finding}-item").find_element(By.XPATH, "..").get_attribute("class")
    driver.find_element(By.CSS_SELECTOR, "input[data-filter='status'][value='pass']").click()
    hidden = driver.find_elements(By.CSS_SELECTOR, ".rule.status-pass.hidden")
    assert hidden and not driver.find_elements(By.CSS_SELECTOR, ".rule.status-fail.hidden")
    _shot(driver, "report-filtered.png")
    assert all(url.startswith("file://") for url in _requests(driver))
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_dashboard_sort_and_filter(driver, pages):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    driver.get((pages / "index.html").as_uri())
    _shot(driver, "dashboard.png")
    rows = driver.find_elements(By.CSS_SELECTOR, "#grid tbody tr")
    assert len(rows) == 2
    Select(driver.find_element(By.CSS_SELECTOR, "select[data-filter='verdict']")).select_by_value("fail")
    visible = [r for r in driver.find_elements(By.CSS_SELECTOR, "#grid tbody tr") if r.is_displayed()]
    assert len(visible) == 1 and "flawed" in visible[0].text
    driver.find_element(By.CSS_SELECTOR, "#grid thead th:nth-child(6)").click()
    assert "sorted" in driver.find_element(By.CSS_SELECTOR, "#grid thead th:nth-child(6)").get_attribute("class")
    visible[0].find_element(By.TAG_NAME, "a").click()
    assert driver.current_url.endswith("flawed.html")
    assert all(url.startswith("file://") for url in _requests(driver))
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def test_dashboard_prints_on_a4_landscape_with_every_column(driver, pages):
    import base64
    import io

    from pypdf import PdfReader

    driver.get((pages / "index.html").as_uri())
    # As the browser's print dialog does: the page's own @page size and margins.
    printed = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True,
                                                         "displayHeaderFooter": False})
    pdf = PdfReader(io.BytesIO(base64.b64decode(printed["data"])))
    first = pdf.pages[0].mediabox
    assert float(first.width) > float(first.height)  # landscape, from the page's own @page rule
    assert abs(float(first.width) / 72 * 25.4 - 297) < 2  # A4
    text = "".join(page.extract_text() for page in pdf.pages)
    flat = "".join(text.split())
    assert "第1页" in flat  # page numbers from the @page margin box
    # Every column is on the page: each report's row carries a mark for every core rule.
    rows = [line for line in text.splitlines() if line.count("√") + line.count("×") + line.count("—") >= 10]
    assert len(rows) == 2 and all(line.count("√") + line.count("×") + line.count("—") >= 15 for line in rows)
