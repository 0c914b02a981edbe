"""Indicators (docs/language.md §4): rsi, vol, zscore, rolling corr, beta, crossover/crossunder,
weekly/monthly/yearly, and the table-valued macd and bbands.

Windowed statistics are written from exactly-rounded two-pass window sums (math.fsum) and
cross-checked against pandas / TA-Lib at 1e-9, so an accurate implementation has margin."""
import math

import numpy as np
import pandas as pd
import talib

from fixtures_core import (ALL_MISSING, LATE, MISSING, SHORT, SIGNED, SINGLE, WALK, Fixture,
                           assert_close, exact_mean, exact_std, joined, syn, syn_dates,
                           well_conditioned, window_apply)

# ---------------------------------------------------------------- reference computations

def on_present(x, fn):
    """fn on the non-missing values, missing rows re-inserted (Rotor's EMA rule)."""
    return fn(x.dropna()).reindex(x.index)

def rsi_loop(v, n):
    """Wilder's RSI spelled out as TA-Lib computes it (0 when gain + loss is 0)."""
    out, gain, loss = np.full(len(v), np.nan), 0.0, 0.0
    for i in range(1, len(v)):
        d = v[i] - v[i - 1]
        if i <= n:
            gain, loss = gain + max(d, 0), loss - min(d, 0)
            if i < n:
                continue
            gain, loss = gain / n, loss / n
        else:
            gain = (gain * (n - 1) + max(d, 0)) / n
            loss = (loss * (n - 1) - min(d, 0)) / n
        out[i] = 0.0 if gain + loss == 0 else 100 * gain / (gain + loss)
    return out

def rsi(x, n=14):
    def f(p):
        v = p.to_numpy(float)
        out = rsi_loop(v, n)
        if n >= 2 and len(v):                   # TA-Lib's RSI takes periods from 2
            assert_close(talib.RSI(v, timeperiod=n), out, "RSI")
            out = talib.RSI(v, timeperiod=n)
        return pd.Series(out, index=p.index)
    return on_present(x, f)

def vol(x, n=20):
    lr = np.log(x / x.shift(1))
    out = window_apply(lr, n, exact_std) * math.sqrt(252)
    assert_close(out, lr.rolling(n).std() * math.sqrt(252), "vol")
    return out

def zscore(x, n):
    mean, sd = window_apply(x, n, exact_mean), window_apply(x, n, exact_std)
    out = (x - mean) / sd
    assert_close(out, (x - x.rolling(n).mean()) / x.rolling(n).std(), "zscore")
    finite = np.isfinite(out)
    well_conditioned((x - mean)[finite], [x[finite], mean[finite]], "zscore", 1e6)
    return out

def window_pairs(j, n, fn):
    """fn(a, b) over each full window of n rows of a two-column frame."""
    a, b, out = j.iloc[:, 0].to_numpy(float), j.iloc[:, 1].to_numpy(float), np.full(len(j), np.nan)
    for i in range(n - 1, len(j)):
        wa, wb = a[i - n + 1:i + 1], b[i - n + 1:i + 1]
        if not (np.isnan(wa).any() or np.isnan(wb).any()):
            out[i] = fn(wa, wb)
    return pd.Series(out, index=j.index)

def co_moments(a, b):
    ma, mb = exact_mean(a), exact_mean(b)
    da, db = a - ma, b - mb
    return math.fsum(da * db), math.fsum(da * da), math.fsum(db * db)

def div(p, q):
    return float(np.float64(p) / np.float64(q))          # IEEE: x/0 is inf or NaN

def rolling_corr(a, b, n):
    j = joined(a, b)
    def f(wa, wb):
        sab, saa, sbb = co_moments(wa, wb)
        return div(sab, math.sqrt(saa * sbb))
    out = window_pairs(j, n, f)
    assert_close(out, j.iloc[:, 0].rolling(n).corr(j.iloc[:, 1]), "rolling corr")
    return out

def beta(a, b, n):
    j = joined(a, b)
    out = window_pairs(j, n, lambda wa, wb: div(*co_moments(wa, wb)[::2]))
    assert_close(out, j.iloc[:, 0].rolling(n).cov(j.iloc[:, 1]) / j.iloc[:, 1].rolling(n).var(),
                 "beta", rtol=1e-9)
    return out

def cross(x, y, up):
    """Pine's ta.crossover (up) / ta.crossunder on the intersection of dates."""
    j = joined(x, y) if isinstance(y, pd.Series) else pd.concat([x, x * 0 + y], axis=1)
    a, b = j.iloc[:, 0], j.iloc[:, 1]
    now, before = (a > b, a.shift(1) <= b.shift(1)) if up else (a < b, a.shift(1) >= b.shift(1))
    out = (now & before).astype(float)
    out[a.isna() | b.isna() | a.shift(1).isna() | b.shift(1).isna()] = np.nan
    gap = (a - b).abs() / np.maximum(a.abs(), b.abs())
    assert not ((gap > 0) & (gap < 1e-12)).any(), "crossover: a near-tie would depend on rounding"
    return out

PERIOD_KEYS = {
    "weekly": lambda i: i.isocalendar().year.to_numpy() * 100 + i.isocalendar().week.to_numpy(),
    "monthly": lambda i: i.year * 100 + i.month,
    "yearly": lambda i: i.year,
}

def last_of_period(x, key):
    """The last non-missing value of each period, dated by that value's date."""
    p = x.dropna()
    if len(p) == 0:
        return p
    return p.groupby(np.asarray(key(p.index))).tail(1)

def ema_seeded(v, n, start):
    """EMA of v seeded at row `start` with the mean of the n values ending there."""
    out, alpha = np.full(len(v), np.nan), 2.0 / (n + 1)
    if start >= len(v):
        return out
    out[start] = sum(v[start - n + 1:start + 1]) / n
    for i in range(start + 1, len(v)):
        out[i] = (v[i] - out[i - 1]) * alpha + out[i - 1]
    return out

def macd_loop(v, fast, slow, signal):
    m = ema_seeded(v, fast, slow - 1) - ema_seeded(v, slow, slow - 1)
    s = np.full(len(v), np.nan)
    s[slow - 1:] = ema_seeded(m[slow - 1:], signal, signal - 1)
    m[:slow + signal - 2] = np.nan
    return m, s, m - s

def macd(x, fast=12, slow=26, signal=9):
    def f(p):
        v = p.to_numpy(float)
        out = talib.MACD(v, fast, slow, signal) if len(v) else (v, v, v)
        for a, b, what in zip(out, macd_loop(v, fast, slow, signal), ("macd", "signal", "hist")):
            assert_close(a, b, "MACD " + what)
        return pd.DataFrame(dict(zip(("macd", "signal", "hist"), out)), index=p.index)
    return on_present(x, f)

def bbands(x, n=20, k=2):
    middle = window_apply(x, n, exact_mean)
    sd = window_apply(x, n, lambda w: exact_std(w, ddof=0))
    out = pd.DataFrame({"upper": middle + k * sd, "middle": middle, "lower": middle - k * sd})
    if x.isna().any() or n == 1:
        ref = x.rolling(n).mean(), x.rolling(n).std(ddof=0)
        ref = [ref[0] + k * ref[1], ref[0], ref[0] - k * ref[1]]
    else:
        ref = talib.BBANDS(x.to_numpy(float), n, k, k, 0)
    for c, r in zip(out.columns, ref):
        assert_close(out[c], r, "BBANDS " + c)
    return out

# ---------------------------------------------------------------- the fixtures

FLAT = syn([5.0] * 16 + [5.1, 5.2, 5.0, 5.0])                  # flat windows, then moves
RISING = syn(list(range(1, 21)))
# two calendars: y lacks 2024-01-03 and has a missing value on 2024-01-09
CROSS_X = syn([1, 3, 2, 2, 3, 1, np.nan, 3, 1, 2.5, 2, 3])
CROSS_Y = syn_dates(["2024-01-01", "2024-01-02", "2024-01-04", "2024-01-05", "2024-01-08",
                     "2024-01-09", "2024-01-10", "2024-01-11", "2024-01-12", "2024-01-15"],
                    [2, 2, 2.5, 2, 2, np.nan, 2, 2, 3, 2])
NEW_YEAR = syn(WALK[:25], start="2024-12-16", missing=[3, 4, *range(12, 20)])
STEPS = syn([1, 1, 1, 1, 2, 3, 2, 4, 4, 4, 5])

def fixtures(r):
    fx = Fixture("rsi", "talib.RSI (Wilder; 0 where average gain + loss is 0, as TA-Lib) on the "
                 "non-missing values, missing rows re-inserted: leading missing skipped, an "
                 "interior missing row gives missing and the recursion continues over it")
    for key, args in [("SPY", ()), ("NVDA", ()), ("SPY24", (2,)), ("SPY24", (5,)), ("FISV", ()),
                      ("GEV", (14,)), ("HONA", (14,))]:
        fx.call(r[key], args, rsi)
    for label, inp, ns in [("missing run", MISSING, (3, 5)), ("late starter", LATE, (3,)),
                           ("short", SHORT, (14, 9)), ("single row", SINGLE, (1, 14)),
                           ("zeros and negatives", SIGNED, (2,)), ("flat then moving", FLAT, (14, 3)),
                           ("rising", RISING, (5,)), ("all missing", ALL_MISSING, (2,))]:
        for n in ns:
            fx.call(inp, (n,), rsi, label)
    yield fx

    fx = Fixture("vol", "stdev(logret(x), n) * sqrt(252): two-pass sample std (ddof=1) of "
                 "log(x / x.shift(1)) over n rows, equal to pandas rolling(n).std() * sqrt(252)")
    for key, args in [("SPY", ()), ("NVDA", ()), ("SPY", (60,)), ("RUT", (5,)), ("FISV", (10,))]:
        fx.call(r[key], args, vol)
    for label, inp, ns in [("missing run", MISSING, (3,)), ("late starter", LATE, (3,)),
                           ("short", SHORT, (20, 9)), ("single row", SINGLE, (1, 2))]:
        for n in ns:
            fx.call(inp, (n,), vol, label)
    yield fx

    fx = Fixture("zscore", "(x - sma(x, n)) / stdev(x, n) (sample std, ddof=1), from exact "
                 "two-pass window sums; equal to pandas (x - rolling(n).mean()) / rolling(n).std()")
    for key, n in [("SPY", 20), ("SPY", 50), ("SPY24", 5), ("RUT", 20), ("NVDA", 252), ("GEV", 10)]:
        fx.call(r[key], (n,), zscore)
    for label, inp, ns in [("missing run", MISSING, (3, 5)), ("late starter", LATE, (3,)),
                           ("short", SHORT, (20, 10)), ("window of 1", SHORT, (1,)),
                           ("zeros and negatives", SIGNED, (3,)),
                           ("constant windows of 2.5", syn([2.5] * 4 + [3.5]), (3,))]:
        for n in ns:
            fx.call(inp, (n,), zscore, label)
    yield fx

    pairs = [("NVDA", "SPY2325"), ("RSP24", "SPY2325"), ("IWM", "RUT25")]
    two = [("partly overlapping dates", syn(WALK[:10], missing=[6]), syn(WALK[10:20], "2024-01-08"), 3),
           ("constant windows", STEPS, syn([1, 2, 3, 5, 4, 4, 4, 4, 6, 7, 8]), 3),
           ("window longer than the overlap", SHORT, syn(WALK[5:25], "2024-01-08"), 6),
           ("no common dates", syn([1, 2, 3]), syn([1, 2, 3], "2024-02-01"), 2)]
    for name, fn, ref in [
            ("corr", rolling_corr, "corr(x, y, n): rolling Pearson over n rows of the inner join of "
             "dates (pandas rolling(n).corr; missing when a window is constant)"),
            ("beta", beta, "cov(x, y) / var(y) over n rows of the inner join of dates (pandas "
             "rolling(n).cov / rolling(n).var; 0 when x is constant, missing when y is)")]:
        fx = Fixture(name, ref + "; values from exact two-pass window sums")
        for a, b in pairs:
            x, y = r[a], r[b]
            for expr, f, n in [(f"{name}(ret(x), ret(y), 60)",
                                lambda s: s.pct_change(fill_method=None), 60),
                               (f"{name}(x, y, 20)", lambda s: s, 20)]:
                fx.add(f"{x.source} vs {y.source}, {n}", expr, {"x": x, "y": y}, fn(f(x.s), f(y.s), n))
        for label, x, y, n in two:
            fx.add(label, f"{name}(x, y, {n})", {"x": x, "y": y}, fn(x.s, y.s, n))
        if name == "beta":
            fx.add("x against itself", "beta(x, x, 5)", {"x": r["RUT"]}, fn(r["RUT"].s, r["RUT"].s, 5))
        yield fx

    for name, up in [("crossover", True), ("crossunder", False)]:
        now, before = (">", "<=") if up else ("<", ">=")
        fx = Fixture(name, f"Pine ta.{name}: x[t] {now} y[t] and x[t-1] {before} y[t-1] "
                     f"(previous row of the inner join), 1 or 0; missing on the first row and where "
                     "x or y is missing at t or t-1; y a series or a number. sma from exact sums")
        spy = r["SPY"]
        sma = lambda s, n: window_apply(s, n, exact_mean)
        fx.add(f"{spy.source} vs sma 50", f"{name}(x, sma(x, 50))", {"x": spy},
               cross(spy.s, sma(spy.s, 50), up))
        fx.add(f"{spy.source}: sma 50 vs sma 200", f"{name}(sma(x, 50), sma(x, 200))", {"x": spy},
               cross(sma(spy.s, 50), sma(spy.s, 200), up))
        fx.add(f"{r['NVDA'].source} ret vs 0", f"{name}(ret(x), 0)", {"x": r["NVDA"]},
               cross(r["NVDA"].s.pct_change(fill_method=None), 0, up))
        fx.add("synthetic vs 2 (ties, a missing row)", f"{name}(x, 2)", {"x": CROSS_X},
               cross(CROSS_X.s, 2, up))
        fx.add("two calendars", f"{name}(x, y)", {"x": CROSS_X, "y": CROSS_Y},
               cross(CROSS_X.s, CROSS_Y.s, up))
        fx.add("single row", f"{name}(x, 100)", {"x": SINGLE}, cross(SINGLE.s, 100, up))
        fx.add("late starter", f"{name}(x, 100)", {"x": LATE}, cross(LATE.s, 100, up))
        yield fx

    for name, what in [("weekly", "ISO week (Monday to Sunday; 2024-12-30 is in 2025-W01)"),
                       ("monthly", "calendar month"), ("yearly", "calendar year")]:
        fx = Fixture(name, f"the last non-missing value of each {what}, dated by the date of that "
                     "value (pandas dropna, then groupby period, tail(1)); a period with no "
                     "value has no row")
        f = lambda x, k=PERIOD_KEYS[name]: last_of_period(x, k)
        for key in ("SPY", "NVDA", "FISV", "GEV"):
            fx.call(r[key], (), f)
        for label, inp in [("missing run", MISSING), ("late starter", LATE),
                           ("across the new year, missing days", NEW_YEAR),
                           ("single row", SINGLE), ("all missing", ALL_MISSING)]:
            fx.call(inp, (), f, label)
        yield fx

    fx = Fixture("macd", "talib.MACD (fast EMA seeded where the slow one starts, all three columns "
                 "from row slow+signal-2) on the non-missing values, missing rows re-inserted; "
                 "a time table with columns macd, signal, hist")
    for key, expr, args in [("SPY", "macd(x)", ()), ("NVDA", "macd(x)", ()),
                            ("SPY24", "macd(x, fast=8)", (8,)),
                            ("SPY24", "macd(x, 5, 35, 5)", (5, 35, 5)),
                            ("RUT", "macd(x, signal=3)", (12, 26, 3))]:
        fx.add(", ".join([r[key].source, expr]), expr, {"x": r[key]}, macd(r[key].s, *args))
    for label, inp, args in [("missing run", MISSING, (3, 6, 2)), ("late starter", LATE, (3, 6, 2)),
                             ("short", SHORT, ()), ("single row", SINGLE, (2, 3, 1)),
                             ("zeros and negatives", SIGNED, (2, 4, 3))]:
        expr = f"macd(x{''.join(', ' + str(a) for a in args)})"
        fx.add(label, expr, {"x": inp}, macd(inp.s, *args))
    yield fx

    fx = Fixture("bbands", "talib.BBANDS (SMA middle, population σ, upper/lower = middle ± k·σ) as "
                 "a time table upper, middle, lower; values from exact two-pass window sums; a "
                 "window holding a missing value gives missing (pandas rolling)")
    for key, expr, args in [("SPY", "bbands(x)", ()), ("SPY24", "bbands(x, k=1.5)", (20, 1.5)),
                            ("SPY", "bbands(x, 50, 3)", (50, 3)), ("GEV", "bbands(x, 10)", (10,))]:
        fx.add(", ".join([r[key].source, expr]), expr, {"x": r[key]}, bbands(r[key].s, *args))
    for label, inp, args in [("missing run", MISSING, (3, 2)), ("late starter", LATE, (5,)),
                             ("short", SHORT, ()), ("single row", SINGLE, (1,)),
                             ("window of 1", SHORT, (1, 2)), ("zeros and negatives", SIGNED, (3, 1)),
                             ("constant windows", STEPS, (3, 2))]:
        expr = f"bbands(x{''.join(', ' + str(a) for a in args)})"
        fx.add(label, expr, {"x": inp}, bbands(inp.s, *args))
    yield fx
