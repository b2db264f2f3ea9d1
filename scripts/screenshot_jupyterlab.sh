#!/usr/bin/env bash
# Once, by hand (not CI): JupyterLab from PyPI opens notebooks/03-routing (exported to .ipynb,
# outputs cleared) with the dtr kernel, runs all cells from the Run menu in Debian's headless
# Chromium driven by Selenium, and saves docs/images/jupyterlab-03-routing.png.
# Needs root or sudo for `apt-get install chromium chromium-driver`; the Python packages go to a
# throwaway venv ($LAB_VENV, default .build/lab-venv). Usage: scripts/screenshot_jupyterlab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
command -v chromedriver >/dev/null || $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
venv="${LAB_VENV:-$root/.build/lab-venv}"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import jupyterlab, selenium, nbformat' 2>/dev/null || "$venv/bin/pip" install -q jupyterlab selenium
swift build --product dtr >/dev/null
dtr="$root/.build/debug/dtr"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/dtr-lab.XXXXXX")
cleanup() { [ -n "${lab:-}" ] && kill "$lab" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
"$dtr" kernel install --prefix "$tmp/prefix" >/dev/null
export JUPYTER_PATH="$tmp/prefix/share/jupyter" JUPYTER_CONFIG_DIR="$tmp/config" JUPYTER_DATA_DIR="$tmp/data" JUPYTER_RUNTIME_DIR="$tmp/runtime"
mkdir "$tmp/work"
(cd notebooks && "$dtr" export 03-routing.dtrnb --to ipynb -o "$tmp/work/03-routing.ipynb" >/dev/null)
"$venv/bin/python" - "$tmp/work/03-routing.ipynb" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
for cell in nb.cells:
    if cell.cell_type == "code":
        cell.outputs, cell.execution_count = [], None
nbformat.write(nb, sys.argv[1])
PY
port=8918
"$venv/bin/jupyter" lab --no-browser --allow-root --port "$port" --ServerApp.token= --ServerApp.password= \
  --ServerApp.root_dir="$tmp/work" >"$tmp/lab.log" 2>&1 &
lab=$!
"$venv/bin/python" - "$port" "$root/docs/images/jupyterlab-03-routing.png" <<'PY'
import sys, time, urllib.request
from selenium import webdriver
from selenium.webdriver.common.by import By

port, out = sys.argv[1], sys.argv[2]
for _ in range(120):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/lab", timeout=1)
        break
    except Exception:
        time.sleep(0.5)
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1500,1150", "--force-device-scale-factor=1"]:
    options.add_argument(arg)
driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"), options=options)
try:
    driver.get(f"http://127.0.0.1:{port}/lab/tree/03-routing.ipynb")
    def wait_for(xpath, timeout=120):
        end = time.time() + timeout
        while time.time() < end:
            found = driver.find_elements(By.XPATH, xpath)
            if found:
                return found
            time.sleep(0.5)
        raise SystemExit(f"timed out waiting for {xpath}")
    wait_for("//*[contains(@class, 'jp-Notebook')]")
    wait_for("//*[contains(@class,'jp-Toolbar')]//*[contains(text(), 'dtr')]")  # the kernel name
    time.sleep(3)
    wait_for("//div[contains(@class,'lm-MenuBar-itemLabel') and text()='Run']")[0].click()
    wait_for("//div[contains(@class,'lm-Menu-itemLabel') and text()='Run All Cells']")[0].click()
    end = time.time() + 300
    while time.time() < end and len(driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output img")) < 8:
        time.sleep(1)
    images = driver.find_elements(By.CSS_SELECTOR, ".jp-OutputArea-output img")
    print(f"{len(images)} images in the outputs")
    time.sleep(2)
    cell = driver.find_elements(By.XPATH, "//*[contains(@class,'jp-CodeCell')]")[1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", cell)
    time.sleep(2)
    driver.save_screenshot(out)
    print("wrote", out)
finally:
    driver.quit()
PY
