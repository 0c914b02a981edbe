"""The core set of built-ins (docs/language.md §4): shifts, windows, elementwise maps, two-series
arithmetic, reductions, selections. TA-Lib where it has the function, pandas otherwise."""
import math

import numpy as np
import pandas as pd
import talib

from fixtures_core import (stale, ALL_MISSING, LATE, MISSING, SHORT, SIGNED, SINGLE, SYNTHETIC, WALK,
                           Fixture, assert_close, day, joined, syn)

# ---------------------------------------------------------------- reference computations

def talib_or(fn, pandas_fn):
    """TA-Lib `fn` on complete data (cross-checked against pandas), pandas otherwise.

    TA-Lib's running sums let one interior NaN poison every later output (SMA, WMA) or
    give wrong values (MAX/MIN), so missing data follows pandas rolling(n)."""
    def compute(x, n):
        ref = pandas_fn(x, n)
        if x.isna().any() or (fn in (talib.MAX, talib.MIN) and n == 1):
            return ref                          # TA-Lib MAX/MIN reject timeperiod=1
        out = pd.Series(fn(x.to_numpy(), timeperiod=n), index=x.index)
        assert_close(out, ref, fn.__name__)
        return out
    return compute

def wma_pandas(x, n):
    w = np.arange(1, n + 1, dtype=float)
    return x.rolling(n).apply(lambda v: np.dot(v, w) / w.sum(), raw=True)

def ema_loop(x, n):
    """Rotor's EMA rule spelled out (used to cross-check TA-Lib on missing data)."""
    out, seed, state, alpha = [], [], None, 2.0 / (n + 1)
    for v in x:
        if math.isnan(v):
            out.append(np.nan)
        elif state is None:
            seed.append(v)
            state = sum(seed) / n if len(seed) == n else None
            out.append(np.nan if state is None else state)
        else:
            state = (v - state) * alpha + state
            out.append(state)
    return pd.Series(out, index=x.index)

def ema(x, n):
    """TA-Lib EMA on the non-missing values, NaN re-inserted at the missing rows."""
    present = x.dropna()
    out = pd.Series(talib.EMA(present.to_numpy(), timeperiod=n), index=present.index)
    out = out.reindex(x.index)
    assert_close(out, ema_loop(x, n), "EMA")
    return out

def roc(x, n):
    if x.isna().any() or (x == 0).any():        # TA-Lib ROC writes 0 when the base is 0
        return 100 * (x / x.shift(n) - 1)
    out = pd.Series(talib.ROC(x.to_numpy(), timeperiod=n), index=x.index)
    assert_close(out, 100 * (x / x.shift(n) - 1), "ROC")
    return out

def rebase(x, base=100):
    return x / x.dropna().iloc[0] * base if x.notna().any() else x

def drawdown(x):
    return x / x.cummax() - 1

def at(x, d):
    """Value of the last row dated on or before d (that row's value, even if missing);
    missing when x is stale as of d (its last row earlier and a trading day between)."""
    return np.nan if stale(x, d) else x[x.index <= d].iloc[-1]

def change_over(x, period):
    """Period return as of x's last date: last non-missing value / value as of (last date -
    period) - 1, 'as of' = pandas Series.asof on the non-missing values (perf's column)."""
    from fixtures_rotation import as_of, base_date
    return last(x) / as_of(x, base_date(x.index[-1], period)) - 1

def cagr(x):
    p = x.dropna()
    days = (p.index[-1] - p.index[0]).days if len(p) else 0
    return np.nan if days == 0 else (p.iloc[-1] / p.iloc[0]) ** (365.25 / days) - 1

def first(x):
    return x.dropna().iloc[0] if x.notna().any() else np.nan

def last(x):
    return x.dropna().iloc[-1] if x.notna().any() else np.nan

def stdev(x, n):
    """pandas rolling std, cross-checked against a two-pass std of each window."""
    out = x.rolling(n).std()
    assert_close(out, x.rolling(n).apply(lambda v: np.std(v, ddof=1) if n > 1 else np.nan,
                                         raw=True), "rolling std")
    return out


# ---------------------------------------------------------------- the fixtures

def two_input_synthetic():
    return [("partly overlapping dates", syn(WALK[:10], missing=[6]), syn(WALK[10:20], "2024-01-08")),
            ("zeros and negatives", syn([1, 0, -2, 3, 0]), syn([0, 0, 1, -1, 2])),
            ("single row", SINGLE, syn([4.0])),
            ("no common dates", syn([1, 2, 3]), syn([1, 2, 3], "2024-02-01"))]

SHIFTS = {
    "lag": ("pandas shift(n)", lambda x, n=1: x.shift(n)),
    "diff": ("pandas x - x.shift(n)", lambda x, n=1: x - x.shift(n)),
    "ret": ("pandas pct_change(n, fill_method=None)", lambda x, n=1: x.pct_change(n, fill_method=None)),
    "logret": ("numpy log(x / x.shift(n))", lambda x, n=1: np.log(x / x.shift(n))),
    "roc": ("talib.ROC; 100*(x/x.shift(n)-1) on missing data and zero bases", roc),
}
WINDOWED = {
    "sma": ("talib.SMA; pandas rolling(n).mean() on missing data",
            talib_or(talib.SMA, lambda x, n: x.rolling(n).mean())),
    "ema": ("talib.EMA on the non-missing values, missing rows re-inserted", ema),
    "wma": ("talib.WMA; pandas rolling(n) weighted mean on missing data", talib_or(talib.WMA, wma_pandas)),
    "stdev": ("pandas rolling(n).std() (ddof=1)", stdev),
    "highest": ("talib.MAX; pandas rolling(n).max() on missing data and n=1",
                talib_or(talib.MAX, lambda x, n: x.rolling(n).max())),
    "lowest": ("talib.MIN; pandas rolling(n).min() on missing data and n=1",
               talib_or(talib.MIN, lambda x, n: x.rolling(n).min())),
}
# name: (reference, function, real inputs, synthetic inputs left out)
ELEMENTWISE = {
    "abs": ("numpy abs", np.abs, ["SPY24"], {"short", "all missing"}),
    "log": ("numpy log", np.log, ["SPY24"], {"short", "all missing"}),
    "exp": ("numpy exp", np.exp, ["VIX", "SPY26"], {"short", "all missing"}),
    "sqrt": ("numpy sqrt", np.sqrt, ["RSP"], {"short", "all missing"}),
    "cumsum": ("pandas cumsum (skips missing)", pd.Series.cumsum, ["VIX"], set()),
    "drawdown": ("x / pandas cummax() - 1", drawdown, ["SPY", "NVDA"],
                 {"short", "all missing", "zeros and negatives"}),
    "fill": ("pandas ffill", pd.Series.ffill, ["FISV"], set()),
    "dropna": ("pandas dropna", pd.Series.dropna, ["FISV"], set()),
    "rebase": ("x / first non-missing value * base", rebase, ["RUT"], set()),
    "round": ("pandas Series.round (numpy: half to even)", pd.Series.round, ["SPY24"], set()),
}
REDUCTIONS = {
    "first": ("first non-missing value", first), "last": ("last non-missing value", last),
    "min": ("pandas Series.min", pd.Series.min), "max": ("pandas Series.max", pd.Series.max),
    "mean": ("pandas Series.mean", pd.Series.mean), "median": ("pandas Series.median", pd.Series.median),
    "sum": ("pandas Series.sum (0 when nothing is present)", pd.Series.sum),
    "count": ("pandas Series.count", lambda x: float(x.count())),
    "std": ("pandas Series.std (ddof=1)", pd.Series.std),
    "change": ("last / first - 1", lambda x: last(x) / first(x) - 1),
    "maxdrawdown": ("min of x / cummax - 1", lambda x: drawdown(x).min()),
    "cagr": ("(last/first)^(365.25/calendar days) - 1; missing when days = 0", cagr),
}
SELECTIONS = {
    "since": lambda x, a: x[x.index >= a], "until": lambda x, a: x[x.index <= a],
    "between": lambda x, a, b: x[(x.index >= a) & (x.index <= b)],
}

def fixtures(r):
    """Yield every Fixture; `r` maps short names to real-data inputs."""
    synthetic = SYNTHETIC + [("all missing", ALL_MISSING)]
    for name, (ref, fn) in SHIFTS.items():
        fx = Fixture(name, ref)
        for args in ([] if name == "roc" else [()]) + [(1,), (5,), (50,)]:
            fx.call(r["NVDA"], args, fn)
        for key in ("FISV", "GEV", "RUT", "BRKB"):
            fx.call(r[key], (1,), fn)
        for label, inp in SYNTHETIC:
            for n in {"missing run": (1, 2), "short": (20,)}.get(label, (1,)):
                fx.call(inp, (n,), fn, label)
        yield fx

    for name, (ref, fn) in WINDOWED.items():
        fx = Fixture(name, ref)
        for key, n in [("SPY24", 1), ("SPY24", 2), ("SPY24", 5), ("SPY", 50), ("SPY", 200),
                       ("RUT", 20), ("FISV", 5), ("GEV", 50), ("HONA", 50)]:
            fx.call(r[key], (n,), fn)
        for label, inp, ns in [("missing run", MISSING, (1, 2, 3, 5)), ("late starter", LATE, (3, 5)),
                               ("window longer than series", SHORT, (50, 200)),
                               ("window equals length", SHORT, (10,)), ("single row", SINGLE, (1, 2)),
                               ("zeros and negatives", SIGNED, (2, 3))]:
            for n in ns:
                fx.call(inp, (n,), fn, label)
        if name == "stdev":
            fx.call(syn([2.5] * 4 + [3.5]), (3,), fn, "constant windows of 2.5")
            fx.call(syn([0.1] * 4 + [0.2]), (3,), fn, "constant windows of 0.1 (pandas gives exactly 0)")
        yield fx

    for name, (ref, fn, keys, skip) in ELEMENTWISE.items():
        fx = Fixture(name, ref)
        for key in keys:
            fx.call(r[key], (), fn)
        for label, inp in synthetic:
            if label not in skip:
                fx.call(inp, (), fn, label)
        if name == "rebase":
            fx.call(r["RUT"], (1,), fn)
            fx.call(r["GEV"], (100,), fn)
            fx.call(LATE, (1,), fn, "late starter")
            fx.call(syn([0, 1, 2]), (), fn, "zero first value")
        if name == "round":
            for digits in (2, 1, -1):
                fx.call(r["SPY24"], (digits,), fn)
            fx.call(syn([0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, 2.675]), (), fn, "halves")
            fx.call(syn([0.5, 1.5, 2.5, -0.5, -2.5, 0.125, 0.375, 2.675]), (2,), fn, "halves")
            fx.call(syn([15, 25, 35, -45, 1234.5]), (-1,), fn, "tens")
        if name == "exp":
            fx.call(syn([0, -1000, 709, 710]), (), fn, "underflow and overflow")
        yield fx

    pairs = [(r[a], r[b]) for a, b in [("RSP24", "SPY2325"), ("IWM", "RUT25"), ("FISV", "SPY25")]]
    for name, fn in [("ratio", np.divide), ("spread", np.subtract)]:
        fx = Fixture(name, f"a {'/' if name == 'ratio' else '-'} b on the inner join of dates")
        for label, a, b in [(f"{a.source} vs {b.source}", a, b) for a, b in pairs] + two_input_synthetic():
            j = joined(a.s, b.s)
            fx.add(label, f"{name}(a, b)", {"a": a, "b": b}, fn(j.iloc[:, 0], j.iloc[:, 1]))
        yield fx

    fx = Fixture("where", "numpy where(c, a, b); missing where the compared series is missing")
    for inp, label, cond, a, b in [(r["SPY24"], None, 550, "x", 0), (r["RSP"], None, 190, 1, -1),
                                   (SIGNED, "zeros and negatives", 2, "x", 0),
                                   (MISSING, "missing run", 100, "x", 0),
                                   (LATE, "late starter", 100, 1, -1), (SINGLE, "single row", 0, "x", 0)]:
        x = inp.s
        out = np.where(x > cond, x if a == "x" else a, x if b == "x" else b)
        fx.add(label or inp.source, f"where(x > {cond}, {a}, {b})", {"x": inp},
               pd.Series(np.where(x.isna(), np.nan, out), index=x.index))
    yield fx

    for name, (ref, fn) in REDUCTIONS.items():
        fx = Fixture(name, ref + ", skipping missing values")
        for key in ("RSP", "RUT", "FISV", "GEV", "BRKB"):
            fx.call(r[key], (), fn)
        for label, inp in synthetic:
            if label == "short" or (label == "zeros and negatives" and name == "maxdrawdown") or (
                    label == "all missing" and name in ("change", "maxdrawdown", "cagr")):
                continue
            fx.call(inp, (), fn, label)
        if name in ("std", "median", "cagr"):
            fx.call(syn([2.5] * 4), (), fn, "constant")
        yield fx

    fx = Fixture("corr", "pandas Series.corr (Pearson) on the inner join of dates")
    for a, b in pairs[::2]:
        for expr, f in [("corr(x, y)", lambda s: s),
                        ("corr(ret(x), ret(y))", lambda s: s.pct_change(fill_method=None))]:
            j = joined(f(a.s), f(b.s))
            fx.add(f"{a.source} vs {b.source}", expr, {"x": a, "y": b}, j.iloc[:, 0].corr(j.iloc[:, 1]))
    for label, a, b in two_input_synthetic() + [("constant", syn([1, 1, 1, 1]), syn([1, 2, 3, 5]))]:
        j = joined(a.s, b.s)
        fx.add(label, "corr(x, y)", {"x": a, "y": b}, j.iloc[:, 0].corr(j.iloc[:, 1]))
    yield fx

    fx = Fixture("change", "period return: value as of the last date / value as of (last date - "
                 "period) - 1, 'as of' = pandas Series.asof (last non-missing value dated on or "
                 "before; missing when none); months clamp the day (DateOffset), ytd = December 31 "
                 "of the previous year: perf's column for the period")
    for key in ("RSP", "RUT", "FISV", "GEV", "SPY"):
        for period in ("1w", "1mo", "3mo", "ytd", "1y"):
            fx.add(f"{r[key].source}, {period}", f"change(x, {period})", {"x": r[key]},
                   change_over(r[key].s, period))
    for label, inp in [("missing run", MISSING), ("late starter", LATE), ("single row", SINGLE)]:
        for period in ("1w", "2w"):
            fx.add(f"{label}, {period}", f"change(x, {period})", {"x": inp}, change_over(inp.s, period))
    yield fx

    fx = Fixture("lastdate", "the date of the last row (pandas Series.index[-1])")
    for key in ("RSP", "RUT", "FISV"):
        fx.call(r[key], (), lambda x: x.index[-1])
    for label, inp in [("missing run", MISSING), ("single row", SINGLE), ("all missing", ALL_MISSING)]:
        fx.call(inp, (), lambda x: x.index[-1], label)
    yield fx

    fx = Fixture("at", "value of the last row dated on or before d (null if that row is missing); "
                 "missing when d is later than the last row and a trading day of the dataset (a "
                 "session, or a weekday after its last session) lies between")
    for inp, label, days in [(r["SPY24"], None, ["2024-07-11", "2024-07-13", "2025-03-03"]),
                             (r["FISV"], None, ["2025-11-12"]),
                             (MISSING, "missing run", [day(MISSING, 11), day(MISSING, 15)]),
                             (LATE, "late starter", [day(LATE, 3), day(LATE, 8)]),
                             (SINGLE, "single row", [day(SINGLE, 0), "2024-06-28"])]:
        for d in days:
            fx.call(inp, (d,), lambda x, d: at(x, pd.Timestamp(d)), label)
    yield fx

    for name, f in [("argmax", pd.Series.idxmax), ("argmin", pd.Series.idxmin)]:
        fx = Fixture(name, f"pandas Series.{f.__name__} (skips missing, first occurrence)")
        for key in ("SPY24", "NVDA", "FISV"):
            fx.call(r[key], (), f)
        for label, inp in SYNTHETIC + [("ties", syn([1, 3, 2, 3, 1]))]:
            if label != "short":
                fx.call(inp, (), f, label)
        yield fx

    for name, fn in SELECTIONS.items():
        fx = Fixture(name, "pandas row selection by date, inclusive")
        days = {"since": [("2024-07-13",), (day(MISSING, 12),), ("2024-01-01",), ("2030-01-01",)],
                "until": [("2024-07-13",), (day(MISSING, 12),), ("2024-01-01",), ("2023-01-02",)],
                "between": [("2024-07-01", "2024-07-31"), (day(MISSING, 8), day(MISSING, 15)),
                            ("2023-01-01", "2030-01-01"), ("2024-01-06", "2024-01-07")]}[name]
        inputs = [(r["SPY24"], None), (MISSING, "missing run"), (SINGLE, "single row"),
                  (SHORT, "nothing selected")]
        for (inp, label), args in zip(inputs, days):
            fx.call(inp, args, lambda x, *a: fn(x, *map(pd.Timestamp, a)), label)
        yield fx

    for name, fn, ns in [("head", lambda x, n: x.iloc[:n], (5, 500)),
                         ("tail", lambda x, n: x.iloc[max(len(x) - n, 0):], (20, 1))]:
        fx = Fixture(name, f"pandas Series.{name}(n): rows")
        for inp, label in [(r["SPY24"], None), (MISSING, "missing run"), (SINGLE, "single row")]:
            for n in ns:
                fx.call(inp, (n,), fn, label)
        yield fx
