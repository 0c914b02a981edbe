"""Rotation (docs/language.md §4): perf, rs_ratio, rs_momentum, rrg, corr_matrix.

perf and rrg are cross-section tables, one row per member (label header `symbol`, the
symbol as Rotor displays it). Real cases use whole symbols of the dataset (no inputs)."""
import numpy as np
import pandas as pd

from fixtures_core import (LATE, MISSING, WALK, Fixture, exact_mean, joined, stale, syn, syn_dates,
                           window_apply)

SECTORS = ["XLK", "XLF", "XLE", "XLI", "XLV", "XLP", "XLY", "XLB", "XLU", "XLRE", "XLC"]
MAG7 = ["AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA"]

# ---------------------------------------------------------------- reference computations

def as_of(s, d):
    """The last non-missing value dated on or before d; missing when there is none."""
    s = s.dropna()
    s = s[s.index <= d]
    return s.iloc[-1] if len(s) else np.nan

def base_date(at, period):
    """at minus a calendar span: days and weeks exactly, months and years with the day
    clamped to the month's end (pandas DateOffset); ytd = December 31 of the previous year."""
    if period == "ytd":
        return pd.Timestamp(at.year - 1, 12, 31)
    k, unit = int(period.rstrip("dwmoy")), period.lstrip("0123456789")
    return at - {"d": pd.DateOffset(days=k), "w": pd.DateOffset(weeks=k),
                 "mo": pd.DateOffset(months=k), "y": pd.DateOffset(years=k)}[unit]

def perf(members, periods=("1w", "1mo", "3mo", "ytd", "1y"), at=None):
    """members: [(label, series)] in list order. Sorted by the first column, best first
    (stable; missing last)."""
    at = pd.Timestamp(at) if at else max(s.dropna().index[-1] for _, s in members)
    rows = []
    for label, s in members:
        now = np.nan if stale(s, at) else as_of(s, at)
        rows.append([100 * (now / as_of(s, base_date(at, p)) - 1) for p in periods])
    order = sorted(range(len(rows)), key=lambda i: (np.isnan(rows[i][0]), -rows[i][0]))
    df = pd.DataFrame([rows[i] for i in order], columns=list(periods),
                      index=pd.Index([members[i][0] for i in order], name="symbol"))
    return df

def rs_ratio(s, bench, n=50):
    j = joined(s, bench)
    rs = j.iloc[:, 0] / j.iloc[:, 1]
    return 100 * rs / window_apply(rs, n, exact_mean)

def rs_momentum(s, bench, n=50, m=10):
    r = rs_ratio(s, bench, n)
    return 100 * r / r.shift(m)

def quadrant(ratio, momentum):
    if np.isnan(ratio) or np.isnan(momentum):
        return ""
    assert abs(ratio - 100) > 1e-9 and abs(momentum - 100) > 1e-9, "rrg: a quadrant near-tie"
    if ratio >= 100:
        return "Leading" if momentum >= 100 else "Weakening"
    return "Improving" if momentum >= 100 else "Lagging"

def weekly_rs_ratio(s, bench, n=10):
    """rs = s / bench on the common dates, its last value of each ISO week (dated by that
    value's date), then 100 * rs / sma(rs, n) over weeks."""
    j = joined(s, bench)
    rs = (j.iloc[:, 0] / j.iloc[:, 1]).dropna()
    week = rs.index.to_period("W-SUN")
    last = rs.groupby(week).tail(1)
    assert len(last) == week.nunique()
    return 100 * last / window_apply(last, n, exact_mean)

def rrg(members, bench, n=50, m=10, at=None, weekly=False):
    """Values of the last common date on or before `at` (default: the benchmark's last date);
    weekly: on the weekly rs (weekly_rs_ratio), n and m in weeks."""
    at = pd.Timestamp(at) if at else bench.index[-1]
    rows = []
    for label, s in members:
        if weekly:
            r = weekly_rs_ratio(s, bench, n)
            mo = 100 * r / r.shift(m)
        else:
            r, mo = rs_ratio(s, bench, n), rs_momentum(s, bench, n, m)
        r, mo = r[r.index <= at], mo[mo.index <= at]
        ratio = r.iloc[-1] if len(r) else np.nan
        momentum = mo.iloc[-1] if len(mo) else np.nan
        rows.append((label, ratio, momentum, quadrant(ratio, momentum)))
    return pd.DataFrame({"rs_ratio": [r[1] for r in rows], "rs_momentum": [r[2] for r in rows],
                         "quadrant": [r[3] for r in rows]},
                        index=pd.Index([r[0] for r in rows], name="symbol"))

def corr_matrix(members, n=None, returns=True):
    """members: [(label, series)]. Pearson over the dates every member has a value (the
    last n of them), of each member's pct_change on its own rows (or the series as given)."""
    cols = [(s.pct_change(fill_method=None) if returns else s).rename(label) for label, s in members]
    df = pd.concat(cols, axis=1, join="inner").dropna()
    if n is not None:
        df = df.tail(n)
    out = df.corr()
    out.index.name = "symbol"
    return out

# ---------------------------------------------------------------- the fixtures

BENCH = syn([100 + 0.5 * k for k in range(30)])
# a member on another calendar (no 2024-01-10, an extra Saturday) with a missing value
OTHER = syn_dates(list(pd.bdate_range("2024-01-01", periods=30).delete([7]).append(
    pd.DatetimeIndex(["2024-01-13"])).sort_values()), [*WALK[:17], np.nan, *WALK[18:]])

def fixtures(r, data):
    series = lambda syms: [(s, data.series(s)) for s in syms]
    fx = Fixture("perf", "cross-section table, one row per member in list order, then sorted by "
                 "the first column, best first (stable, missing last); % return 100 * (value as "
                 "of at / value as of (at - period) - 1), 'as of' = the last non-missing value "
                 "dated on or before (missing when none); 1w = 7 days; months and years clamp "
                 "the day (pandas DateOffset: 2024-03-31 - 1mo = 2024-02-29); ytd base = "
                 "December 31 of the previous year; default at = the latest date of any member; a "
                 "member stale as of at (its last row earlier and a trading day of the dataset "
                 "between) has every cell missing")
    for expr, syms, kw in [
            ("perf(sectors, at=2024-07-11)", SECTORS, {"at": "2024-07-11"}),
            ("perf([SPY, RSP, QQQ, IWM], periods=[1mo, 3mo])", ["SPY", "RSP", "QQQ", "IWM"],
             {"periods": ("1mo", "3mo")}),
            ("perf(sectors, periods=[1mo, 3mo, ytd], at=2024-03-31)", SECTORS,
             {"periods": ("1mo", "3mo", "ytd"), "at": "2024-03-31"}),
            ("perf(mag7, periods=[1mo, 1y], at=2024-02-29)", MAG7,
             {"periods": ("1mo", "1y"), "at": "2024-02-29"}),
            ("perf([SPY, NVDA, AAPL], periods=[1w, ytd])", ["SPY", "NVDA", "AAPL"],
             {"periods": ("1w", "ytd")}),
            ("perf([XLC, XLK], periods=[3mo, 1y], at=2018-09-28)", ["XLC", "XLK"],
             {"periods": ("3mo", "1y"), "at": "2018-09-28"})]:
        fx.add(expr, expr, {}, perf(series(syms), **kw))
    yield fx

    spy = r["SPY"]
    xlk = r["XLK"]
    # (label, s, bench, rs_ratio args, rs_momentum args)
    two = [(f"{xlk.source} vs {spy.source}", xlk, spy, (), ()),
           (f"{r['RSP24'].source} vs {r['SPY2325'].source}", r["RSP24"], r["SPY2325"], (20,), (20, 10)),
           ("missing run", MISSING, BENCH, (3,), (3, 2)), ("late starter", LATE, BENCH, (3,), (3, 5)),
           ("other calendar", OTHER, BENCH, (4,), (4, 3))]
    for name, fn, extra in [
            ("rs_ratio", rs_ratio, "100 * rs / sma(rs, n) with rs = s / bench on the common dates"),
            ("rs_momentum", rs_momentum, "100 * rs_ratio / lag(rs_ratio, m), rs_ratio = 100 * rs "
             "/ sma(rs, n), rs = s / bench on the common dates")]:
        fx = Fixture(name, extra + "; sma from exact window sums")
        for label, x, y, *both in two:
            args = both[name == "rs_momentum"]
            tail = "".join(", " + str(a) for a in args)
            fx.add(label + tail, f"{name}(x, y{tail})", {"x": x, "y": y}, fn(x.s, y.s, *args))
        yield fx

    fx = Fixture("rrg", "cross-section table in list order: rs_ratio and rs_momentum of each "
                 "member against bench, the values of the last common date on or before at "
                 "(default: the benchmark's last date), and quadrant: Leading (rs_ratio >= 100, "
                 "rs_momentum >= 100), Weakening (>= 100, < 100), Lagging (< 100, < 100), "
                 "Improving (< 100, >= 100); weekly=true: rs = member / bench on the common "
                 "dates, its last value of each ISO week (pandas groupby(to_period('W-SUN')) "
                 ".tail(1)), rs_ratio = 100 * rs / sma(rs, n) and rs_momentum = 100 * rs_ratio / "
                 "shift(rs_ratio, m) over those weeks (defaults n=10, m=4)")
    bench = lambda sym: data.series(sym)
    for expr, syms, b, args, kw in [
            ("rrg(sectors, SPY)", SECTORS, "SPY", (), {}),
            ("rrg(sectors, SPY, at=2024-07-11)", SECTORS, "SPY", (), {"at": "2024-07-11"}),
            ("rrg(mag7, SPY)", MAG7, "SPY", (), {}),
            ("rrg([XLK, XLE, XLU], QQQ, 20, 5, at=2025-04-08)", ["XLK", "XLE", "XLU"], "QQQ",
             (20, 5), {"at": "2025-04-08"}),
            ("rrg(sectors, SPY, weekly=true)", SECTORS, "SPY", (10, 4), {"weekly": True}),
            ("rrg(sectors, SPY, weekly=true, at=2024-07-11)", SECTORS, "SPY", (10, 4),
             {"weekly": True, "at": "2024-07-11"}),
            ("rrg(mag7, QQQ, 26, 6, weekly=true, at=2025-04-08)", MAG7, "QQQ", (26, 6),
             {"weekly": True, "at": "2025-04-08"})]:
        fx.add(expr, expr, {}, rrg(series(syms), bench(b), *args, **kw))
    yield fx

    fx = Fixture("corr_matrix", "labelled table, one row and one column per member in list "
                 "order: pandas pd.concat([s.pct_change(fill_method=None) for s in members], "
                 "axis=1, join='inner').dropna().tail(n).corr() (returns=false: the series as "
                 "given)")
    for expr, syms, args in [
            ("corr_matrix(sectors, 250)", SECTORS, (250,)),
            ("corr_matrix(mag7)", MAG7, ()),
            ("corr_matrix([SPY, QQQ, IWM], 60)", ["SPY", "QQQ", "IWM"], (60,)),
            ("corr_matrix([SPY, GEV, XLK])", ["SPY", "GEV", "XLK"], ()),
            ("corr_matrix([SPY, RSP], 50, returns=false)", ["SPY", "RSP"], (50, False))]:
        fx.add(expr, expr, {}, corr_matrix(series(syms), *args))
    yield fx
