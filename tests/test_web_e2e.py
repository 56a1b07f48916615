"""End to end in headless Chromium: upload a report, see its findings, paste an edited text that
adds the missing part and see that finding go away, download the JSON.  Screenshots are saved in
tests/artifacts/."""
import json
import threading

import pytest

from conftest import wait_until

from checker.serve.server import create_server

from conftest import ROOT
from test_browser import ARTIFACTS, CHROMIUM, DRIVER, _requests, chrome

pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="Debian chromium and chromium-driver not installed")
REPORT = ROOT / "tests" / "corpus" / "county_no_first_responsible.txt"
ADDED_PART = ("\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n"
              "县长主持召开县政府常务会议研究法治政府建设工作6次，组织会前学法8次，年终述法。\n")


@pytest.fixture(scope="module")
def app_url():
    httpd = create_server("127.0.0.1", 0)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    downloads = tmp_path_factory.mktemp("downloads")
    driver = chrome("1500,1100", downloads)
    yield driver, downloads
    driver.quit()


def _status_of(driver, rule_id):
    for item in driver.find_elements("css selector", "#result-checklist li.rule"):
        if rule_id in item.text:
            return item.get_attribute("data-status")
    return None


def _wait(predicate, seconds=60):
    return wait_until(predicate, seconds)


def test_upload_fix_live_and_download(browser, app_url):
    driver, downloads = browser
    driver.get(app_url)
    driver.find_element("id", "file").send_keys(str(REPORT))
    _wait(lambda: _status_of(driver, "part.first_responsible") == "fail")
    assert "不合格" in driver.find_element("id", "result-header").text
    assert driver.find_element("id", "text").get_attribute("value").startswith("关于样本县")
    driver.save_screenshot(str(ARTIFACTS / "web-uploaded.png"))

    edited = REPORT.read_text("utf-8").replace("\n三、下一步工作打算", ADDED_PART + "四、下一步工作打算")
    driver.execute_script("const box = document.getElementById('text'); box.value = arguments[0];"
                          "box.dispatchEvent(new Event('input', {bubbles: true}));", edited)
    _wait(lambda: _status_of(driver, "part.first_responsible") == "pass")
    assert "服务器用时" in driver.find_element("id", "status").text
    driver.save_screenshot(str(ARTIFACTS / "web-fixed.png"))

    driver.find_element("id", "download-json").click()
    saved = _wait(lambda: [p for p in downloads.iterdir() if p.suffix == ".json"])
    driver.find_element("id", "download-html").click()
    page = _wait(lambda: [p for p in downloads.iterdir() if p.suffix == ".html"])
    assert "检查清单" in page[0].read_text("utf-8")
    report = json.loads(saved[0].read_text("utf-8"))
    statuses = {r["rule_id"]: r["status"] for r in report["results"]}
    assert statuses["part.first_responsible"] == "pass"
    assert all(url.startswith(app_url) or url.startswith("blob:") or url.startswith("data:") for url in _requests(driver))
    assert not [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
