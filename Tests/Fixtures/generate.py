#!/usr/bin/env python3
"""Generate the TA-Lib / pandas reference fixtures for Rotor's built-ins.

Run from the repository root:

    python3 Tests/Fixtures/generate.py                 # from the bundled dataset
    python3 Tests/Fixtures/generate.py --data DIR

Without --data, the bundled dataset is exported with `rotor export` (the binary given by
--rotor, default .build/debug/rotor, else `swift run rotor`) into a temporary folder, which
is read. DIR is either such an export (SYMBOL.csv per symbol and constituents.csv) or the
shared dataset folder holding `etf/*.csv` (date,open,high,low,close,adj_close,volume) and
`universe/prices.csv` (long format, date,symbol,...,close,...) with
`universe/constituents.csv`; both give the same fixtures. The script writes one file per built-in,
`Tests/RotorEngineTests/Fixtures/<builtin>.json`, one case per line:
`{"builtin", "reference", "cases": [{"name", "expr", "inputs": {var: {["source"], "dates",
"values"}}, and "dates" + "values" | "value" | "date" | "table"}]}` (the table form is
described in fixtures_core.py).

Real-data inputs carry `source`, a Rotor expression whose value on the dataset equals the
given values exactly (the default series: adj_close when the file has one, else close).
Missing values are null, infinities the strings "inf"/"-inf", floats shortest round-trip.
Needs python3 with numpy, pandas and TA-Lib (`import talib`). Output is deterministic.

Modules: fixtures_core (data, encoding), fixtures_series (the core built-ins),
fixtures_indicators (rsi, vol, zscore, rolling corr, beta, crosses, resampling, macd,
bbands), fixtures_breadth (universe breadth), fixtures_rotation (perf, rs_ratio, rrg),
fixtures_cross (cross-sectional reductions: share, quantile, median of a list),
fixtures_backtest (rotate's backtests, written to Fixtures/Backtest/rotate.json).
"""
import argparse
import os
import subprocess
import tempfile

from fixtures_core import OUT_DIR, Dataset, set_sessions
import fixtures_backtest
import fixtures_breadth
import fixtures_cross
import fixtures_indicators
import fixtures_rotation
import fixtures_series


# Start of the long real inputs (SPY, XLK): about 1,500 rows to the end of the data. Move it
# forward when a data refresh makes `Dataset.slice` trip its 1,500-row cap.
LONG_SINCE = "2020-10-01"


def real_inputs(data):
    return {"SPY": data.slice("SPY", LONG_SINCE), "XLK": data.slice("XLK", LONG_SINCE),
            "SPY24": data.slice("SPY", "2024-01-02", "2024-12-31"),
            "SPY25": data.slice("SPY", "2025-10-01"), "SPY26": data.slice("SPY", "2026-05-01"),
            "SPY2325": data.slice("SPY", "2023-07-03", "2025-06-30"),
            "RSP": data.slice("RSP", "2025-01-02"), "RSP24": data.slice("RSP", "2024-01-02"),
            "NVDA": data.slice("NVDA", "2023-01-03", "2024-12-31"),
            "IWM": data.slice("IWM", "2025-07-01"), "RUT25": data.slice("^RUT", "2025-01-02"),
            "RUT": data.slice("^RUT", "2024-01-02", "2024-12-31"),
            "VIX": data.slice("^VIX", "2025-01-02"),
            "FISV": data.slice("FISV", "2025-10-01"),      # no row for 2025-11-12
            "GEV": data.slice("GEV", "2024-01-02"),        # listed 2024-03-27
            "HONA": data.slice("HONA", "2026-01-02"),      # listed 2026-06-15: 19 rows
            "BRKB": data.slice("BRK.B", "2026-01-02")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="dataset folder: etf/ and universe/, or a `rotor export` "
                    "(default: export the bundled dataset)")
    ap.add_argument("--rotor", default=".build/debug/rotor",
                    help="the rotor binary for the export (default .build/debug/rotor; "
                    "`swift run rotor` when it does not exist)")
    ap.add_argument("--figures", action="store_true", help="print the breadth figures only")
    args = ap.parse_args()
    if args.data:
        return run(args, Dataset.open(args.data))
    with tempfile.TemporaryDirectory(prefix="rotor-fixtures-") as tmp:
        folder = os.path.join(tmp, "data")
        rotor = [args.rotor] if os.access(args.rotor, os.X_OK) else ["swift", "run", "rotor"]
        subprocess.run(rotor + ["export", folder], check=True)
        return run(args, Dataset.open(folder))


def run(args, data):
    if args.figures:
        return fixtures_breadth.figures(data)
    set_sessions(data)
    r = real_inputs(data)
    merged = {}             # a built-in whose cases come from two modules (corr) is one file
    groups = [fixtures_series.fixtures(r), fixtures_indicators.fixtures(r),
              fixtures_breadth.fixtures(r, data), fixtures_rotation.fixtures(r, data),
              fixtures_cross.fixtures(r, data)]
    for fx in (fx for group in groups for fx in group):
        if fx.builtin in merged:
            merged[fx.builtin].reference += "; " + fx.reference
            merged[fx.builtin].cases += fx.cases
        else:
            merged[fx.builtin] = fx
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for fx in merged.values():
        print(f"{fx.builtin + '.json':18} {fx.write():3} cases")
    print(f"{'Backtest/rotate.json':18} {fixtures_backtest.write(data):3} cases")


if __name__ == "__main__":
    main()
