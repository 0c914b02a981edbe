#!/usr/bin/env python3
"""Rotor side by side with pandas, polars and TA-Lib, on the same data, in one run.

usage:
    python3 Scripts/dev/bench-vs-peers.py [DATA_DIR] [--runs N] [--only NAME,...] [--work DIR]
                                          [--rotor BIN] [--memory]

The main table runs on a seeded folder of 500 symbols x 5,000 days of OHLCV CSV, generated
once under --work (default $TMPDIR/rotor-bench-peers). DATA_DIR (optional) is the folder the
bundled dataset was packed from (etf/ and universe/, see docs/data.md): it adds a table of
the bundled-universe workloads. --memory adds the peak memory of a close-only workload on
4,000 x 7,500 (1.5 GB of CSV, generated once) with a warm cache.

How each side is timed (docs/performance.md):
- Each round runs Rotor once, then each peer; the tables show the minimum over N rounds
  (default 5), so that a busy moment on a shared machine hits both sides.
- Rotor runs as a separate `rotor --time` process per round. A workload's statement
  `x = EXPR` runs once, then 5 more times, each after `x = 0` dropped the previous result; its
  time is the statement's own `time:` line, after the closes were decoded by earlier
  statements. "Rotor ms" is the best of the repeats (steady state, as the peers' repeated
  calls in a long-running Python process); "Rotor 1st ms" is the first run, which also pays
  for the fresh process's first touch of the memory its result fills. Each peer runs as
  many times per round. The load row is `load` plus every `decode` line (first use
  counted); the cold load is the `load` line with an empty cache.
- The peers run in this Python process on data already in memory (a wide DataFrame for
  pandas, the same in polars, one contiguous float64 array per symbol for TA-Lib).
- Peak memory (MB) is Rotor's maximum resident set size over its runs (/usr/bin/time).

Requires python3 with pandas, polars, numpy and TA-Lib (`pip install pandas polars TA-Lib`).
"""

import argparse
import gc
import glob
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import polars as pl
import talib

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
GEN_SYMBOLS = 500
GEN_DAYS = 5000
GEN_SEED = 42


# MARK: - Rotor


def build_rotor():
    scratch = os.environ.get("ROTOR_SCRATCH", ".build")
    cmd = ["swift", "build", "-c", "release", "--product", "rotor", "--scratch-path", scratch]
    print("building:", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(
        ["swift", "build", "-c", "release", "--scratch-path", scratch, "--show-bin-path"],
        cwd=ROOT, check=True, capture_output=True, text=True)
    return os.path.join(out.stdout.strip(), "rotor")


TIME_LINE = re.compile(r"^time: ([0-9.]+) ms  (.*)$")


def run_rotor(rotor, args, env=None):
    """Runs rotor once; returns (wall ms, {statement: ms}, peak RSS in KB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss.name, rotor, "--time"] + args
        start = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        wall = (time.perf_counter() - start) * 1000
        if p.returncode != 0:
            raise SystemExit(f"rotor failed ({p.returncode}): {' '.join(args)}\n{p.stderr}")
        times = {}
        for line in p.stderr.splitlines():
            m = TIME_LINE.match(line)
            if m:
                times[m.group(2)] = float(m.group(1))
        kb = int(rss.read().strip().splitlines()[-1])
    return wall, times, kb


# MARK: - Data


def load_bundled_csvs(data):
    """What the bundled dataset is made of, read as pandas would: per-symbol etf/ files,
    then the long universe/prices.csv, and the constituents. Returns {symbol: frame} (first
    source wins) and the constituents."""
    frames = {}
    for path in sorted(glob.glob(os.path.join(data, "etf", "*.csv"))):
        frames[os.path.basename(path)[:-4]] = pd.read_csv(path, parse_dates=["date"], index_col="date")
    prices = pd.read_csv(os.path.join(data, "universe", "prices.csv"), parse_dates=["date"])
    constituents = pd.read_csv(os.path.join(data, "universe", "constituents.csv"))
    return frames, prices, constituents


def load_bundled_polars(data):
    frames = {}
    for path in sorted(glob.glob(os.path.join(data, "etf", "*.csv"))):
        frames[os.path.basename(path)[:-4]] = pl.read_csv(path, try_parse_dates=True)
    prices = pl.read_csv(os.path.join(data, "universe", "prices.csv"), try_parse_dates=True)
    constituents = pl.read_csv(os.path.join(data, "universe", "constituents.csv"))
    return frames, prices, constituents


def default_series(frame):
    """Rotor's default series of a symbol: adjusted close when it has one, else close."""
    for col in ("adj_close", "close"):
        if col in frame and frame[col].notna().any():
            return frame[col].astype("float64")
    return frame["close"].astype("float64")


def values_as_doubles(frames, long_frame):
    """Bytes of the loaded dataset's values as doubles: rows x present price fields."""
    fields = ["open", "high", "low", "close", "adj_close", "volume"]
    total = 0
    for f in frames.values():
        total += len(f) * sum(1 for c in fields if c in f and f[c].notna().any())
    if long_frame is not None:
        have = set(frames)
        for sym, g in long_frame.groupby("symbol"):
            if sym in have:
                continue
            total += len(g) * sum(1 for c in fields if c in g and g[c].notna().any())
    return 8 * total


def prepare_peers(data):
    """The universe as a wide frame (union of dates x members), plus SPY and the sectors."""
    frames, prices, constituents = load_bundled_csvs(data)
    members = {}
    by_symbol = {s: g.set_index("date") for s, g in prices.groupby("symbol")}
    for sym in constituents["symbol"]:
        if sym in frames:
            members[sym] = default_series(frames[sym])
        elif sym in by_symbol:
            members[sym] = default_series(by_symbol[sym])
    wide = pd.DataFrame(members).sort_index()
    spy = default_series(frames["SPY"])
    sector_names = ["XLK", "XLF", "XLE", "XLI", "XLV", "XLP", "XLY", "XLB", "XLU", "XLRE", "XLC"]
    sectors = pd.DataFrame({s: default_series(frames[s]) for s in sector_names}).sort_index()
    budget = values_as_doubles(frames, prices)
    return wide, spy, sectors, budget, frames


def generate(folder, symbols=GEN_SYMBOLS, days_count=GEN_DAYS):
    """`symbols` x `days_count` business days of OHLCV, seeded; every tenth symbol starts later."""
    marker = os.path.join(folder, ".complete")
    if os.path.exists(marker):
        return
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    print(f"generating {symbols} x {days_count} CSV files in {folder}", file=sys.stderr)
    rng = np.random.default_rng(GEN_SEED)
    first = "2006-01-02" if days_count <= 5000 else "1996-01-02"
    days = np.asarray(pd.bdate_range(first, periods=days_count).values, dtype="datetime64[D]")
    for k in range(symbols):
        start = 0 if k % 10 else int(rng.integers(1, days_count // 2))
        n = days_count - start
        close = 50 * np.exp(np.cumsum(rng.normal(0.0003, 0.02, n)))
        open_ = close * np.exp(rng.normal(0, 0.005, n))
        high = np.maximum(open_, close) * np.exp(np.abs(rng.normal(0, 0.01, n)))
        low = np.minimum(open_, close) * np.exp(-np.abs(rng.normal(0, 0.01, n)))
        volume = rng.integers(100_000, 10_000_000, n)
        pl.DataFrame({
            "date": days[start:], "open": open_.round(4), "high": high.round(4), "low": low.round(4),
            "close": close.round(4), "volume": volume,
        }).write_csv(os.path.join(folder, f"S{k:04d}.csv" if symbols > 1000 else f"S{k:03d}.csv"),
                     float_precision=4)
    # A cache entry is only written for sources older than a second (docs/data.md).
    time.sleep(1.2)
    open(marker, "w").close()


# MARK: - Peers


def timed(fn, runs):
    times = []
    for _ in range(runs):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
        gc.enable()
    return times


def pandas_rsi(w, n):
    d = w.diff()
    up = d.clip(lower=0).ewm(alpha=1 / n, adjust=False).mean()
    down = (-d).clip(lower=0).ewm(alpha=1 / n, adjust=False).mean()
    return 100 - 100 / (1 + up / down)


def polars_rsi(p, cols, n):
    exprs = []
    for c in cols:
        d = pl.col(c).diff()
        up = d.clip(lower_bound=0).ewm_mean(alpha=1 / n, adjust=False)
        down = (-d).clip(lower_bound=0).ewm_mean(alpha=1 / n, adjust=False)
        exprs.append((100 - 100 / (1 + up / down)).alias(c))
    return p.select(exprs)


def periods_at(at):
    """perf's default periods as anchor dates: 1w, 1mo, 3mo, ytd, 1y before `at`."""
    return {
        "1w": at - pd.Timedelta(days=7),
        "1mo": at - pd.DateOffset(months=1),
        "3mo": at - pd.DateOffset(months=3),
        "ytd": pd.Timestamp(year=at.year - 1, month=12, day=31),
        "1y": at - pd.DateOffset(years=1),
    }


def pandas_perf(w):
    f = w.ffill()
    end = f.iloc[-1]
    cols = {}
    for name, anchor in periods_at(w.index[-1]).items():
        cols[name] = 100 * (end / f.loc[:anchor].iloc[-1] - 1)
    return pd.DataFrame(cols).sort_values("1w", ascending=False)


def polars_perf(p, cols):
    at = p["date"][-1]
    end = p.select(pl.col(cols).drop_nulls().last())
    out = {}
    for name, anchor in periods_at(pd.Timestamp(at)).items():
        start = p.filter(pl.col("date") <= anchor.to_pydatetime()).select(pl.col(cols).drop_nulls().last())
        out[name] = (100 * (end / start - 1)).row(0)
    return pl.DataFrame({"symbol": cols, **out}).sort("1w", descending=True, nulls_last=True)


def pandas_rrg(sectors, spy, n=50, m=10):
    rows = []
    for c in sectors.columns:
        both = pd.concat([sectors[c], spy], axis=1, join="inner").dropna()
        rs = both.iloc[:, 0] / both.iloc[:, 1]
        ratio = 100 * rs / rs.rolling(n).mean()
        mom = 100 * ratio / ratio.shift(m)
        rows.append((c, ratio.iloc[-1], mom.iloc[-1]))
    return rows


def polars_rrg(sectors_pl, names, n=50, m=10):
    rows = []
    for c in names:
        rs = sectors_pl.select(["date", c, "SPY"]).drop_nulls().select((pl.col(c) / pl.col("SPY")).alias("rs"))
        ratio = rs.select((100 * pl.col("rs") / pl.col("rs").rolling_mean(n)).alias("r"))
        mom = ratio.select(100 * pl.col("r") / pl.col("r").shift(m))
        rows.append((c, ratio["r"][-1], mom[0, 0]))
    return rows


def talib_rrg(sector_arrays, spy_days, spy_values, n=50, m=10):
    rows = []
    for c, (days, x) in sector_arrays.items():
        _, i, j = np.intersect1d(days, spy_days, assume_unique=True, return_indices=True)
        rs = x[i] / spy_values[j]
        ratio = 100 * rs / talib.SMA(rs, n)
        momentum = 100 * ratio / np.roll(ratio, m)
        rows.append((c, ratio[-1], momentum[-1]))
    return rows


def breadth_net(a):
    d = np.diff(a, axis=0)
    return (d > 0).sum(axis=1) - (d < 0).sum(axis=1)


def peer_workloads(data, folder):
    """{workload: {peer: function}} on data prepared here (untimed)."""
    wide, spy, sectors, budget, frames = prepare_peers(data)
    cols = list(wide.columns)
    p = pl.from_pandas(wide.reset_index(names="date"), nan_to_null=True)
    arrays = [np.ascontiguousarray(wide[c].to_numpy()) for c in cols]
    dense = np.ascontiguousarray(wide.to_numpy())
    spy_w = spy.reindex(wide.index).to_numpy()
    p_spy = p.with_columns(pl.Series("__SPY", spy_w, nan_to_null=True))
    sec_spy = pd.concat([sectors, spy.rename("SPY")], axis=1).sort_index()
    sec_pl = pl.from_pandas(sec_spy.reset_index(names="date"), nan_to_null=True)
    # Each sector and SPY as loaded: its own dates (days since 1970) and values; the timed
    # part aligns them (np.intersect1d), as rrg does.
    def days_of(series):
        return (series.index.values.astype("datetime64[D]").astype(np.int64)).copy()
    sector_arrays = {c: (days_of(frames_s), frames_s.to_numpy().copy())
                     for c in sectors.columns for frames_s in [sectors[c].dropna()]}
    spy_days, spy_values = days_of(spy.dropna()), spy.dropna().to_numpy().copy()
    files = sorted(glob.glob(os.path.join(folder, "*.csv")))

    def talib_pct_above():
        sma = np.column_stack([talib.SMA(a, 200) for a in arrays])
        counted = (~np.isnan(sma)).sum(axis=1)
        return 100 * (dense > sma).sum(axis=1) / np.where(counted > 0, counted, np.nan)

    def pandas_pct_above():
        sma = wide.rolling(200).mean()
        return 100 * (wide > sma).sum(axis=1) / sma.notna().sum(axis=1).replace(0, np.nan)

    def polars_pct_above():
        above = pl.sum_horizontal([(pl.col(c) > pl.col(c).rolling_mean(200)).cast(pl.Int32) for c in cols])
        counted = pl.sum_horizontal([pl.col(c).rolling_mean(200).is_not_null().cast(pl.Int32) for c in cols])
        return p.select(100 * above / counted)

    def pandas_net():
        d = wide.diff()
        return d.gt(0).sum(axis=1) - d.lt(0).sum(axis=1)

    def polars_net():
        adv = pl.sum_horizontal([(pl.col(c).diff() > 0).cast(pl.Int32) for c in cols])
        dec = pl.sum_horizontal([(pl.col(c).diff() < 0).cast(pl.Int32) for c in cols])
        return adv - dec

    # The same numbers from both sides: the peers read the same data as Rotor, and Rotor's
    # indicators are TA-Lib's.
    xlk = sectors["XLK"].dropna().to_numpy().copy()
    checks = {
        "universe().count()": float(len(cols)),
        "SPY.sma(200).last()": float(spy.rolling(200).mean().iloc[-1]),
        "XLK.rsi(14).last()": float(talib.RSI(xlk, 14)[-1]),
        "ratio(RSP, SPY).ema(50).last()": float(talib.EMA(
            pd.concat([default_series(frames["RSP"]), spy], axis=1, join="inner").pipe(
                lambda f: (f.iloc[:, 0] / f.iloc[:, 1]).to_numpy().copy()), 50)[-1]),
        "AAPL.highest(252).last()": float(wide["AAPL"].dropna().rolling(252).max().iloc[-1]),
    }

    return budget, {
        "load bundled (rotor -e 1 vs read CSVs)": {
            "pandas": lambda: load_bundled_csvs(data),
            "polars": lambda: load_bundled_polars(data),
        },
        "load 500x5000 CSV, cold": {
            "pandas": lambda: {f: pd.read_csv(f, parse_dates=["date"], index_col="date") for f in files},
            "polars": lambda: pl.read_csv(files, try_parse_dates=True),
        },
        "map(u, s => s.sma(200))": {
            "pandas": lambda: wide.rolling(200).mean(),
            "polars": lambda: p.select(pl.col(cols).rolling_mean(200)),
            "talib": lambda: [talib.SMA(a, 200) for a in arrays],
        },
        "map(u, s => s.ema(50))": {
            "pandas": lambda: wide.ewm(span=50, adjust=False).mean(),
            "polars": lambda: p.select(pl.col(cols).ewm_mean(span=50, adjust=False)),
            "talib": lambda: [talib.EMA(a, 50) for a in arrays],
        },
        "map(u, s => s.rsi(14))": {
            "pandas": lambda: pandas_rsi(wide, 14),
            "polars": lambda: polars_rsi(p, cols, 14),
            "talib": lambda: [talib.RSI(a, 14) for a in arrays],
        },
        "map(u, s => s.highest(252))": {
            "pandas": lambda: wide.rolling(252).max(),
            "polars": lambda: p.select(pl.col(cols).rolling_max(252)),
            "talib": lambda: [talib.MAX(a, 252) for a in arrays],
        },
        "pct_above(u, 200)": {
            "pandas": pandas_pct_above,
            "polars": polars_pct_above,
            "talib": talib_pct_above,
        },
        "ad_line(u)": {
            "pandas": lambda: pandas_net().cumsum(),
            "polars": lambda: p.select(polars_net().cum_sum()),
            "numpy": lambda: np.cumsum(breadth_net(dense)),
        },
        "mcclellan(u)": {
            "pandas": lambda: (lambda n: n.ewm(span=19, adjust=False).mean() - n.ewm(span=39, adjust=False).mean())(
                pandas_net()),
            "polars": lambda: p.select(polars_net().ewm_mean(span=19, adjust=False)
                                       - polars_net().ewm_mean(span=39, adjust=False)),
            "talib": lambda: (lambda n: talib.EMA(n, 19) - talib.EMA(n, 39))(breadth_net(dense).astype(float)),
        },
        "map(u, s => ratio(s, SPY).sma(50))": {
            "pandas": lambda: wide.div(spy_w, axis=0).rolling(50).mean(),
            "polars": lambda: p_spy.select((pl.col(cols) / pl.col("__SPY")).rolling_mean(50)),
            "talib": lambda: [talib.SMA(a / spy_w, 50) for a in arrays],
        },
        "perf(universe())": {
            "pandas": lambda: pandas_perf(wide),
            "polars": lambda: polars_perf(p, cols),
        },
        "rrg(sectors, SPY)": {
            "pandas": lambda: pandas_rrg(sectors, spy),
            "polars": lambda: polars_rrg(sec_pl, list(sectors.columns)),
            "talib": lambda: talib_rrg(sector_arrays, spy_days, spy_values),
        },
    }, checks


# MARK: - Rotor's side


def rotor_workloads(rotor, folder, work):
    """{workload: function(runs) -> (times ms, peak KB)}."""
    # The data a workload reads is decoded before it (the peers have theirs in memory).
    prime = ["-e", "u = universe()", "-e", "b = SPY"]

    def statement(expr):
        def run(runs):
            times, peak, firsts = [], 0, []
            for _ in range(runs):
                ms, kb, first = repeated_statement(rotor, prime, expr)
                times.append(ms)
                firsts.append(first)
                peak = max(peak, kb)
            return times, peak, firsts
        return run

    def bundled(runs):
        times, peak = [], 0
        for _ in range(runs):
            wall, _, kb = run_rotor(rotor, ["-e", "1"])
            times.append(wall)
            peak = max(peak, kb)
        return times, peak

    def folder_load(warm):
        def run(runs):
            times, peak = [], 0
            cache = os.path.join(work, "cache")
            env = dict(os.environ, ROTOR_CACHE_DIR=cache)
            env.pop("ROTOR_CACHE", None)
            if warm:
                shutil.rmtree(cache, ignore_errors=True)
                run_rotor(rotor, ["--data", folder, "-e", "1"], env)
            for _ in range(runs):
                if not warm:
                    shutil.rmtree(cache, ignore_errors=True)
                _, t, kb = run_rotor(rotor, ["--data", folder, "-e", "1"], env)
                times.append(t["load"])
                peak = max(peak, kb)
            return times, peak
        return run

    table = {
        "load bundled (rotor -e 1 vs read CSVs)": bundled,
        "load 500x5000 CSV, cold": folder_load(False),
        "load 500x5000 CSV, warm cache": folder_load(True),
    }
    for expr in ["map(u, s => s.sma(200))", "map(u, s => s.ema(50))", "map(u, s => s.rsi(14))",
                 "map(u, s => s.highest(252))", "pct_above(u, 200)", "ad_line(u)", "mcclellan(u)",
                 "map(u, s => ratio(s, SPY).sma(50))", "perf(universe())", "rrg(sectors, SPY)"]:
        table[expr] = statement(expr)
    return table


# MARK: - The generated folder: kernels, breadth and loading at 500 x 5,000


GENERATED = ["map(u, s => s.sma(200))", "map(u, s => s.ema(50))", "map(u, s => s.rsi(14))",
             "map(u, s => s.highest(252))", "pct_above(u, 200)", "map(u, s => (s / s.sma(50)).last())"]


def generated_peers(folder):
    """{workload: {peer: function}} on the generated folder's closes (prepared untimed): a wide
    pandas frame (dates x symbols), the same in polars, each symbol's own closes for TA-Lib."""
    files = sorted(glob.glob(os.path.join(folder, "*.csv")))
    closes = {os.path.basename(f)[:-4]: pd.read_csv(f, usecols=["date", "close"], parse_dates=["date"],
                                                     index_col="date")["close"] for f in files}
    wide = pd.DataFrame(closes).sort_index()
    cols = list(wide.columns)
    p = pl.from_pandas(wide.reset_index(names="date"), nan_to_null=True)
    arrays = [np.ascontiguousarray(v.to_numpy(dtype="float64")) for v in closes.values()]
    dense = np.ascontiguousarray(wide.to_numpy())

    def talib_pct_above():
        sma = np.full_like(dense, np.nan)
        for k, a in enumerate(arrays):
            sma[len(dense) - len(a):, k] = talib.SMA(a, 200)
        counted = (~np.isnan(sma)).sum(axis=1)
        return 100 * (dense > sma).sum(axis=1) / np.where(counted > 0, counted, np.nan)

    def pandas_pct_above():
        sma = wide.rolling(200).mean()
        return 100 * (wide > sma).sum(axis=1) / sma.notna().sum(axis=1).replace(0, np.nan)

    def polars_pct_above():
        above = pl.sum_horizontal([(pl.col(c) > pl.col(c).rolling_mean(200)).cast(pl.Int32) for c in cols])
        counted = pl.sum_horizontal([pl.col(c).rolling_mean(200).is_not_null().cast(pl.Int32) for c in cols])
        return p.select(100 * above / counted)

    return {
        "load closes, warm cache (first use counted)": {
            "pandas": lambda: {f: pd.read_csv(f, usecols=["date", "close"], parse_dates=["date"],
                                              index_col="date") for f in files},
            "polars": lambda: pl.read_csv(files, columns=["date", "close"], try_parse_dates=True),
        },
        "load CSV, cold (parse + write cache)": {
            "pandas": lambda: {f: pd.read_csv(f, parse_dates=["date"], index_col="date") for f in files},
            "polars": lambda: pl.read_csv(files, try_parse_dates=True),
        },
        "map(u, s => s.sma(200))": {
            "pandas": lambda: wide.rolling(200).mean(),
            "polars": lambda: p.select(pl.col(cols).rolling_mean(200)),
            "talib": lambda: [talib.SMA(a, 200) for a in arrays],
        },
        "map(u, s => s.ema(50))": {
            "pandas": lambda: wide.ewm(span=50, adjust=False).mean(),
            "polars": lambda: p.select(pl.col(cols).ewm_mean(span=50, adjust=False)),
            "talib": lambda: [talib.EMA(a, 50) for a in arrays],
        },
        "map(u, s => s.rsi(14))": {
            "pandas": lambda: pandas_rsi(wide, 14),
            "polars": lambda: polars_rsi(p, cols, 14),
            "talib": lambda: [talib.RSI(a, 14) for a in arrays],
        },
        "map(u, s => s.highest(252))": {
            "pandas": lambda: wide.rolling(252).max(),
            "polars": lambda: p.select(pl.col(cols).rolling_max(252)),
            "talib": lambda: [talib.MAX(a, 252) for a in arrays],
        },
        "pct_above(u, 200)": {
            "pandas": pandas_pct_above,
            "polars": polars_pct_above,
            "talib": talib_pct_above,
        },
        "map(u, s => (s / s.sma(50)).last())": {
            "pandas": lambda: (wide / wide.rolling(50).mean()).iloc[-1],
            "polars": lambda: p.select((pl.col(cols) / pl.col(cols).rolling_mean(50)).last()),
            "talib": lambda: [(a / talib.SMA(a, 50))[-1] for a in arrays],
        },
    }


def rotor_time(lines, what):
    """The sum of the `--time` lines whose text is `what` (or starts with it, for `decode`)."""
    return sum(ms for text, ms in lines if text == what or (what == "decode" and text.startswith("decode  ")))


def generated_rotor(rotor, folder, work):
    """{workload: function() -> (ms, peak KB)}: one run each."""
    cache = os.path.join(work, "cache")
    env = dict(os.environ, ROTOR_CACHE_DIR=cache)
    env.pop("ROTOR_CACHE", None)
    data = ["--data", folder]
    # Every member's closes decoded first (reported as `decode`), so that a workload's own
    # line is its computation; the load row counts the decoding.
    prime = ["-e", "u = universe()", "-e", "c = map(u, s => s.last())"]

    def warm_load():
        _, lines, kb = run_rotor_lines(rotor, data + prime, env)
        return rotor_time(lines, "load") + rotor_time(lines, "decode"), kb

    def cold_load():
        shutil.rmtree(cache, ignore_errors=True)
        _, lines, kb = run_rotor_lines(rotor, data + ["-e", "1"], env)
        return rotor_time(lines, "load"), kb

    def statement(expr):
        return lambda: repeated_statement(rotor, data + prime, expr, env)

    table = {"load closes, warm cache (first use counted)": warm_load,
             "load CSV, cold (parse + write cache)": cold_load}
    for expr in GENERATED:
        table[expr] = statement(expr)
    return table, lambda: run_rotor_lines(rotor, data + ["-e", "1"], env)


REPEATS = 5

# Breadth built-ins keep each member panel's tallies (docs/performance.md): run again, they
# answer from that cache, so a repeat would not measure the computation. They run once per
# process, and their "Rotor ms" is that first run.
MEMOIZED = ("pct_above(", "ad_line(", "mcclellan(")


def repeated_statement(rotor, args, expr, env=None):
    """One Rotor process that runs `x = expr` once, then REPEATS more times, each after
    `x = 0` has dropped the previous result (as a peer's timed call drops its own); MEMOIZED
    workloads run once.
    Returns (steady ms, peak KB, first ms): the minimum of the repeats, and the first
    statement, which also pays for the fresh process's first touch of its memory."""
    statement = "x = " + expr
    more = []
    for _ in range(0 if expr.startswith(MEMOIZED) else REPEATS):
        more += ["-e", "x = 0", "-e", statement]
    _, lines, kb = run_rotor_lines(rotor, args + ["-e", statement] + more, env)
    times = [ms for text, ms in lines if text == statement]
    return min(times[1:] or times), kb, times[0]


def run_rotor_lines(rotor, args, env=None):
    """Runs rotor --time once; returns (wall ms, [(text, ms)] in order, peak RSS in KB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        cmd = ["/usr/bin/time", "-f", "%M", "-o", rss.name, rotor, "--time"] + args
        start = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
        wall = (time.perf_counter() - start) * 1000
        if p.returncode != 0:
            raise SystemExit(f"rotor failed ({p.returncode}): {' '.join(args)}\n{p.stderr}")
        lines = [(m.group(2), float(m.group(1))) for m in map(TIME_LINE.match, p.stderr.splitlines()) if m]
        kb = int(rss.read().strip().splitlines()[-1])
    return wall, lines, kb


def interleaved(rotor_run, peers, runs):
    """`runs` rounds of: Rotor once, then each peer as many times as Rotor ran the workload
    in its process (so that a busy moment on the shared machine hits both sides, and both
    sides have as many tries); returns Rotor's times, its peak KB, each peer's times and
    Rotor's first-statement times (empty for a load row)."""
    r_times, peak, results, firsts = [], 0, {name: [] for name in peers}, []
    for _ in range(runs):
        ms, kb, *first = rotor_run()
        r_times.append(ms)
        firsts += first
        peak = max(peak, kb)
        for name, fn in peers.items():
            results[name] += timed(fn, REPEATS if first else 1)
    return r_times, peak, results, firsts


def big_memory(rotor, work):
    """Peak RSS of a close-only workload on 4,000 x 7,500 with a warm cache."""
    folder = os.path.join(work, "csv-4000x7500-seed42")
    generate(folder, 4000, 7500)
    cache = os.path.join(work, "cache-big")
    env = dict(os.environ, ROTOR_CACHE_DIR=cache)
    env.pop("ROTOR_CACHE", None)
    args = ["--data", folder, "-e", "x = pct_above(universe(), 200)"]
    run_rotor_lines(rotor, args, env)  # writes the cache when it is missing or stale
    best = None
    for _ in range(3):
        _, lines, kb = run_rotor_lines(rotor, args, env)
        if best is None or kb < best[1]:
            best = (lines, kb)
    return best


# MARK: - Main


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?",
                    help="the folder with etf/ and universe/ the bundled dataset was made from (optional: "
                         "adds the bundled-data workloads)")
    ap.add_argument("--runs", type=int, default=5, help="interleaved rounds per workload (default 5)")
    ap.add_argument("--only", help="comma-separated substrings: run only matching workloads")
    ap.add_argument("--work", default=os.path.join(tempfile.gettempdir(), "rotor-bench-peers"),
                    help="where the generated CSV folders and Rotor's caches go")
    ap.add_argument("--rotor", help="a rotor binary to use instead of building one")
    ap.add_argument("--memory", action="store_true",
                    help="also generate 4,000 x 7,500 (1.5 GB of CSV, once) and report the peak memory of "
                         "pct_above(universe(), 200) on it with a warm cache")
    args = ap.parse_args()
    if args.data:
        for sub in ("etf", "universe"):
            if not os.path.isdir(os.path.join(args.data, sub)):
                ap.error(f"{args.data} has no {sub}/ folder")
    rotor = args.rotor or build_rotor()
    only = [s.strip() for s in args.only.split(",")] if args.only else None
    folder = os.path.join(args.work, f"csv-{GEN_SYMBOLS}x{GEN_DAYS}-seed{GEN_SEED}")
    generate(folder)

    # The generated folder (the main table).
    g_peers = generated_peers(folder)
    g_rotor, warm_up = generated_rotor(rotor, folder, args.work)
    warm_up()  # the cache exists before the first warm run
    rows = []
    for name, rotor_run in g_rotor.items():
        if only and not any(x in name for x in only):
            continue
        print(f"  {name}", file=sys.stderr)
        if name.startswith("load CSV, cold"):
            r = interleaved(rotor_run, g_peers[name], args.runs)
            warm_up()
        else:
            r = interleaved(rotor_run, g_peers[name], args.runs)
        rows.append((name,) + r)
    print()
    print(f"Rotor vs peers on {GEN_SYMBOLS} x {GEN_DAYS:,} generated OHLCV (warm cache) · min of {args.runs} "
          f"interleaved runs, ms · load average {os.getloadavg()[0]:.2f} · {os.cpu_count()} cores")
    print()
    print_table(rows)

    if args.data:
        bundled_table(args, rotor, folder, only)

    if args.memory:
        lines, kb = big_memory(rotor, args.work)
        floor = 4000 * 7500 * 8 / 1e9
        print()
        print(f"4,000 x 7,500, warm cache, x = pct_above(universe(), 200): peak RSS {kb / 1024 / 1024:.2f} GB "
              f"(closes as doubles: {floor:.2f} GB)")
        print("  " + " · ".join(f"{text} {ms:.0f} ms" for text, ms in lines))


def print_table(rows):
    head = ["workload", "Rotor ms", "Rotor 1st ms", "pandas ms", "polars ms", "TA-Lib ms", "ratio",
            "Rotor peak MB"]
    lines = []
    for name, r_times, peak, results, firsts in rows:
        cells = [name, f"{min(r_times):.2f}", f"{min(firsts):.2f}" if firsts else "-"]
        for peer in ("pandas", "polars", "talib"):
            t = results.get(peer)
            cells.append(f"{min(t):.2f}" if t else "-")
        best = min((min(t) for t in results.values() if t), default=None)
        cells.append(f"{min(r_times) / best:.2f}" if best else "-")
        cells.append(f"{peak / 1024:.0f}")
        lines.append(cells)
    widths = [max(len(str(c[i])) for c in lines + [head]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) if i == 0 else "-" * (w + 1) + ":" for i, w in enumerate(widths)) + "|")
    for cells in lines:
        print("| " + " | ".join(str(c).ljust(w) if i == 0 else str(c).rjust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |")


def bundled_table(args, rotor, folder, only):
    """The bundled universe's workloads (as before): Rotor's statement lines against the peers."""
    budget, peers, checks = peer_workloads(args.data, folder)
    ours = rotor_workloads(rotor, folder, args.work)
    rows = []
    for name, rotor_run in ours.items():
        if only and not any(x in name for x in only):
            continue
        if name.startswith("load 500x5000"):
            continue  # in the main table
        print(f"  {name}", file=sys.stderr)
        r_times, peak, results, firsts = [], 0, {k: [] for k in peers.get(name, {})}, []
        for _ in range(args.runs):
            t, kb, *first = rotor_run(1)
            r_times += t
            firsts += first[0] if first else []
            peak = max(peak, kb)
            for peer, fn in peers.get(name, {}).items():
                results[peer] += timed(fn, REPEATS if first else 1)
        rows.append((name, r_times, peak, results, firsts))
    same = []
    for expr, expected in checks.items():
        out = subprocess.run([rotor, "--format", "json", "-e", expr], capture_output=True, text=True).stdout
        got = re.search(r'"value":([-0-9.eE+]+)', out)
        value = float(got.group(1)) if got else float("nan")
        agree = abs(value - expected) <= 1e-9 * max(1.0, abs(expected))
        same.append(f"  {'ok ' if agree else 'DIFFERENT'} {expr}: rotor {value:.10g}, pandas {expected:.10g}")
    print()
    print("same data (Rotor and pandas):")
    print("\n".join(same))
    print()
    print(f"Rotor vs peers on the bundled universe · min of {args.runs} interleaved runs, ms · "
          f"load average {os.getloadavg()[0]:.2f}; memory budget 2 x values: {2 * budget / 1e6:.0f} MB")
    print()
    print_table(rows)
    targets(rotor, rows, args.runs)


def targets(rotor, rows, runs):
    """The absolute speed targets: rotor -e '1' under 50 ms, the REPL prompt under 150 ms."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "pty"))
    from startup_time import once  # the REPL's own pseudo-terminal measurement

    home = tempfile.mkdtemp(prefix="rotor-bench-prompt-")
    env = dict(os.environ, TERM="xterm", HOME=home, ROTOR_HISTORY=os.path.join(home, "history"))
    once(rotor, env)
    prompt = [once(rotor, env) for _ in range(max(runs, 5))]
    shutil.rmtree(home, ignore_errors=True)
    load = next((r for name, r, _, _, _ in rows if name.startswith("load bundled")), None)
    print()
    print("targets:")
    if load:
        print(f"  rotor -e '1' (whole process): {fmt(load)} ms  (target < 50 ms)")
    print(f"  REPL prompt ready on a pty:   {fmt(prompt)} ms  (target < 150 ms)")


def fmt(times):
    if not times:
        return "-"
    return f"{min(times):.2f} / {statistics.median(times):.2f}"


if __name__ == "__main__":
    main()
