"""Rotation backtests (docs/language.md §4, *Backtests*): `rotate`, in plain pandas.

An independent implementation of the rules written in rotate's help text: calendar = union
of the members' dates; rebalance (signal) dates = the last calendar date of each period;
signals from closes up to and including t, trades at the next close; equal weights that drift
between trades; turnover = sum of |target - drifted weight|; cost = cost x turnover; a held
member whose data ends keeps its last close. Writes Tests/RotorEngineTests/Fixtures/Backtest/
rotate.json: for each strategy its equity and benchmark curves, statistics and holdings."""
import json
import math

import numpy as np
import pandas as pd

from fixtures_core import OUT_DIR, enc, iso, stale
import fixtures_breadth

SECTORS = ["XLK", "XLF", "XLE", "XLI", "XLV", "XLP", "XLY", "XLB", "XLU", "XLRE", "XLC"]
STATS = ["total_return", "cagr", "volatility", "sharpe", "max_drawdown", "turnover_per_rebalance",
         "turnover_per_year", "costs", "rebalances"]


def as_of(s, t):
    """The value of s on its last row dated on or before t (even a missing one); missing
    before its first row and when s is stale as of t."""
    before = s[s.index <= t]
    if not len(before) or stale(s, t):
        return np.nan
    return before.iloc[-1]


def period_ends(cal, every):
    """The last calendar date of each period: months (k), weeks from Monday, years, k rows."""
    k, unit = int(every.rstrip("dwmoy")), every.lstrip("0123456789")
    idx = pd.Series(np.arange(len(cal)), index=cal)
    if unit == "mo":
        key = (cal.year * 12 + cal.month - 1) // k
    elif unit == "w":
        key = ((cal - pd.Timestamp("1969-12-29")).days // 7) // k   # Monday-based weeks
    elif unit == "y":
        key = cal.year // k
    else:
        key = np.arange(len(cal)) // k
    return list(idx.groupby(np.asarray(key)).max())


def backtest(members, score, top=3, every="1mo", when=None, otherwise="cash", cost=0.0,
             bench=None, bench_name="SPY", start=None):
    """members: [(label, price series)]; score: label, price series -> score series (read as
    of each signal date) or a number function applied to the series cut at the date."""
    cal = pd.DatetimeIndex(sorted(set().union(*[set(p.index) for _, p in members])))
    filled = [p.dropna().reindex(cal, method="ffill") for _, p in members]
    bench_filled = bench.dropna().reindex(cal, method="ffill") if bench is not None else None
    bench_curve = bench_filled.where(cal <= bench.index[-1]) if bench is not None else None
    signals = period_ends(cal, every)
    if start is not None:
        signals = [p for p in signals if cal[p] >= pd.Timestamp(start)]

    def fresh(p, m):
        price = members[m][1]
        return not np.isnan(filled[m].iloc[p]) and (cal[p] <= price.index[-1] or not stale(price, cal[p]))

    scores = np.full((len(members), len(signals)), np.nan)
    for m, (label, price) in enumerate(members):
        kind, f = score
        series = f(price) if kind == "series" else None
        for k, p in enumerate(signals):
            if not fresh(p, m):
                continue
            scores[m, k] = as_of(series, cal[p]) if kind == "series" else f(price[price.index <= cal[p]])

    def targets(k):
        if when is not None:
            v = as_of(when, cal[signals[k]])
            if not (v == v and v != 0):
                p = signals[k]
                ok = bench is not None and not np.isnan(bench_filled.iloc[p]) and \
                    (cal[p] <= bench.index[-1] or not stale(bench, cal[p]))
                return [len(members)] if otherwise == "benchmark" and ok else []
        ranked = sorted((m for m in range(len(members)) if np.isfinite(scores[m, k])),
                        key=lambda m: (-scores[m, k], m))
        return ranked[:top]

    k0 = next(k for k in range(len(signals)) if np.isfinite(scores[:, k]).any())
    s = signals[k0]
    rows, trade_at = [], {}
    for k in range(k0, len(signals)):
        rows.append({"signal": signals[k], "targets": targets(k), "turnover": np.nan, "cost": np.nan})
        if signals[k] + 1 < len(cal):
            trade_at[signals[k] + 1] = len(rows) - 1
    prices = [f.to_numpy() for f in filled] + [bench_filled.to_numpy() if bench is not None else None]
    held, cash, equity = {}, 100.0, []
    for i in range(s, len(cal)):
        if i > s:
            held = {a: v * prices[a][i] / prices[a][i - 1] for a, v in held.items()}
        total = cash + sum(held.values())
        if i in trade_at:
            row = rows[trade_at[i]]
            w = 1 / len(row["targets"]) if row["targets"] else 0.0
            assets = set(held) | set(row["targets"])
            turnover = sum(abs((w if a in row["targets"] else 0.0) - held.get(a, 0.0) / total)
                           for a in assets)
            total *= 1 - cost * turnover
            held = {a: total * w for a in row["targets"]}
            cash = 0.0 if row["targets"] else total
            row["turnover"], row["cost"] = turnover, cost * turnover
        equity.append(total)
    eq = pd.Series(equity, index=cal[s:])
    bm = None
    if bench is not None:
        base = bench_curve.iloc[s + 1] if s + 1 < len(cal) else np.nan
        bm = 100 * bench_curve.iloc[s:] / base
        bm.iloc[0] = 100.0
    labels = [l for l, _ in members] + [bench_name]
    holdings = [[iso(cal[r["signal"]]),
                 iso(cal[r["signal"] + 1]) if r["signal"] + 1 < len(cal) else "pending",
                 " ".join(labels[a] for a in r["targets"]) or "cash", enc(r["turnover"]), enc(r["cost"])]
                for r in rows]
    done = [r for r in rows if not np.isnan(r["turnover"])]
    return eq, bm, holdings, stats(eq, bm, [r["turnover"] for r in done], [r["cost"] for r in done])


def curve_stats(x):
    x = x.dropna()
    days = (x.index[-1] - x.index[0]).days
    r = x.pct_change().dropna()
    sd = r.std(ddof=1) if len(r) >= 2 else np.nan
    return [x.iloc[-1] / x.iloc[0] - 1,
            (x.iloc[-1] / x.iloc[0]) ** (365.25 / days) - 1 if days > 0 else np.nan,
            sd * math.sqrt(252), r.mean() / sd * math.sqrt(252) if sd > 0 else np.nan,
            min(0.0, (x / x.cummax() - 1).min())]


def stats(eq, bm, turnovers, costs):
    days = (eq.index[-1] - eq.index[0]).days
    strategy = curve_stats(eq) + [np.mean(turnovers) if turnovers else np.nan,
                                  sum(turnovers) / (days / 365.25) if days > 0 else np.nan,
                                  1 - np.prod([1 - c for c in costs]), float(len(turnovers))]
    out = {name: {"strategy": enc(v)} for name, v in zip(STATS, strategy)}
    if bm is not None:
        for name, v in zip(STATS, curve_stats(bm) + [np.nan] * 4):
            out[name]["benchmark"] = enc(v)
    return out


def case(name, expr, result):
    eq, bm, holdings, st = result
    return {"name": name, "expr": expr,
            "equity": {"dates": [iso(d) for d in eq.index], "values": [enc(v) for v in eq]},
            "benchmark": None if bm is None else {"dates": [iso(d) for d in bm.index],
                                                  "values": [enc(v) for v in bm]},
            "stats": st, "holdings": holdings}


def write(data):
    sectors = [(s, data.series(s)) for s in SECTORS]
    spy, rsp = data.series("SPY"), data.series("RSP")
    ret = lambda n: ("series", lambda s: s / s.shift(n) - 1)
    cases = [
        case("three strongest sectors by 63-day return, monthly",
             "rotate(sectors, s => s.ret(63), top=3)",
             backtest(sectors, ret(63), bench=spy)),
        case("RSP while half the universe is above its 50-day average, else SPY",
             "rotate([RSP], s => 1, top=1, when=pct_above(universe(), 50) > 50, "
             "otherwise=\"benchmark\", start=2019-01-01)",
             backtest([("RSP", rsp)], ("number", lambda s: 1.0), top=1,
                      when=(fixtures_breadth.pct_above([s for _, s in fixtures_breadth.load_universe(data)], 50, check_since="2019-01-01") > 50)
                      .astype(float), otherwise="benchmark", bench=spy, start="2019-01-01")),
        case("two sectors by 126-day return, quarterly, above SPY's 200-day average, 20 bp",
             "rotate(sectors, s => s.ret(126), top=2, every=3mo, when=SPY > SPY.sma(200), cost=0.002)",
             backtest(sectors, ret(126), top=2, every="3mo",
                      when=(spy > spy.rolling(200).mean()).astype(float).where(spy.rolling(200).mean().notna()),
                      cost=0.002, bench=spy)),
        case("weekly, one sector by 20-day return, 10 bp",
             "rotate(sectors, s => s.ret(20), top=1, every=1w, cost=0.001, start=2020-01-01)",
             backtest(sectors, ret(20), top=1, every="1w", cost=0.001, bench=spy, start="2020-01-01")),
    ]
    folder = OUT_DIR / "Backtest"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in cases]
    (folder / "rotate.json").write_text(
        '{"builtin": "rotate", "reference": "pandas, Tests/Fixtures/fixtures_backtest.py", "cases": [\n'
        + ",\n".join(lines) + "\n]}\n")
    return len(cases)
