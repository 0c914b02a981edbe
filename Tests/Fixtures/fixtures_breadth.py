"""Breadth over a universe (docs/language.md §4): advancers, decliners, unchanged, ad_line, ad_ratio,
pct_above, new_highs, new_lows, mcclellan, mcclellan_ratio, summation, equal_weight, zweig,
zweig_thrust, high_low_index, net_new_highs, summation_ratio.

Every statistic is computed per member on the member's own rows (its previous row, its own
window), then counted per date over the union of the members' dates. A member counts on a
date only when it has the data the statistic needs there; a date on which no member counts
is missing. `universe()` is built as Rotor builds it: the 580 symbols of
universe/constituents.csv in file order, each taken whole from etf/ when it has a file there
(the seven mega-caps: their close, history from the 1980s), else from universe/prices.csv.
Real cases run over the whole history and are sliced after, e.g. `.since(2023-01-03)`."""
import math

import numpy as np
import pandas as pd

from fixtures_core import Fixture, assert_close, parse_values, syn_dates, well_conditioned
from fixtures_series import ema

SINCE = "2023-01-03"
DAY = "2024-07-11"

# ---------------------------------------------------------------- the universe

def load_universe(data):
    """[(symbol, series)] of `universe()` in constituents order (etf/ first, docs/language.md §5)."""
    long = data.long_universe()
    values = np.array(parse_values(long.close))
    dates = pd.to_datetime(long.date.to_numpy())
    groups = long.groupby("symbol", sort=False).indices
    out = []
    for sym in data.constituents():
        s = data.series(sym) if data.in_etf(sym) else pd.Series(values[groups[sym]],
                                                                index=dates[groups[sym]])
        out.append((sym, s.sort_index()))
    return out

# ---------------------------------------------------------------- reference computations

def wide(members, fn):
    """fn of each member on its own rows, aligned on the union of dates (NaN where absent)."""
    return pd.concat([fn(s).rename(k) for k, s in enumerate(members)], axis=1).sort_index()

def counted(hits, present):
    """Per date: members where `hits`, missing where no member is `present`."""
    n = present.sum(axis=1)
    return (hits & present).sum(axis=1).astype(float).where(n > 0)

_MOVES = {}

def moves(members):
    if id(members) not in _MOVES:
        d = wide(members, lambda s: s.diff())
        ok = d.notna()
        _MOVES[id(members)] = members, (counted(d > 0, ok), counted(d < 0, ok), counted(d == 0, ok))
    return _MOVES[id(members)][1]

def net(members):
    adv, dec, _ = moves(members)
    return adv - dec

def exact_cumsum(x):
    """Cumulative sum skipping missing values, with exactly rounded partial sums."""
    out, parts = [], []
    for v in x:
        if not math.isnan(v):
            parts.append(v)
        out.append(np.nan if math.isnan(v) else math.fsum(parts))
    return pd.Series(out, index=x.index)

def ad_line(members):
    return exact_cumsum(net(members))

def no_near_ties(a, b, what):
    gap = ((a - b).abs() / np.maximum(a.abs(), b.abs()))[a.notna() & b.notna()]
    assert not (gap < 1e-12).to_numpy().any(), f"{what}: a near-tie would depend on rounding"

def member_days(members, spells):
    """Per member (column k) and date: whether it was in the index (inside one of its spells,
    both ends included); False where the member has no row."""
    def inside(k):
        s = members[k]
        flags = np.zeros(len(s), dtype=bool)
        for first, last in spells[k]:
            flags |= (s.index >= first) & (s.index <= last)
        return pd.Series(flags, index=s.index)
    return pd.concat([inside(k).rename(k) for k in range(len(members))], axis=1).sort_index() \
        .fillna(False).astype(bool)

def pct_above(members, n=200, check_since="1900-01-01", spells=None):
    """check_since: from where the comparisons must not be near-ties (the rows kept); spells
    (one list of (first, last) per member): count each member only on its member days (pit)."""
    close, sma = wide(members, lambda s: s), wide(members, lambda s: s.rolling(n).mean())
    ok = sma.notna() & close.notna()
    if spells is not None:
        ok &= member_days(members, spells)
    rows = close.index >= check_since
    no_near_ties(close[rows], sma[rows], "pct_above")
    return 100 * counted(close > sma, ok) / counted(ok, ok)

def extremes(members, n, high):
    close = wide(members, lambda s: s)
    best = wide(members, lambda s: s.rolling(n).max() if high else s.rolling(n).min())
    return counted(close == best, best.notna())

def mcclellan(members, check_since="1900-01-01"):
    x = net(members)
    fast, slow = ema(x, 19), ema(x, 39)
    out = fast - slow
    rows = (out.index >= check_since) & out.notna()
    well_conditioned(out[rows], [fast[rows], slow[rows]], "mcclellan")
    return out

def mcclellan_ratio(members, check_since="1900-01-01"):
    adv, dec, _ = moves(members)
    x = (adv - dec) / (adv + dec) * 1000        # 0 / 0 (no mover) is missing
    fast, slow = ema(x, 19), ema(x, 39)
    out = fast - slow
    rows = (out.index >= check_since) & out.notna()
    well_conditioned(out[rows], [fast[rows], slow[rows]], "mcclellan_ratio")
    return out

def summation(members):
    m = mcclellan(members, "2100-01-01")
    out = exact_cumsum(m)
    assert_close(out, m.cumsum(), "summation")
    return out

def summation_ratio(members):
    return exact_cumsum(mcclellan_ratio(members, "2100-01-01"))

def zweig(members, n=10):
    """TA-Lib-seeded EMA of advancers / (advancers + decliners); after 100 values it agrees
    with pandas ewm(span=n, adjust=False) (seeded with the first value) to 1e-9."""
    adv, dec, _ = moves(members)
    share = adv / (adv + dec)                   # 0 / 0 (no mover) is missing
    out = ema(share, n)
    present = share.dropna()
    if len(present) > 100:
        pandas_ewm = present.ewm(span=n, adjust=False).mean()
        assert_close(out[present.index][100:], pandas_ewm[100:], "zweig vs ewm(adjust=False)")
    return out

def zweig_thrust(members, n=10, low=0.40, high=0.615, within=10):
    """True on t when z[t] > high, not z[t-1] > high, and some z in t-within .. t-1 < low."""
    z = zweig(members, n)
    for level in (low, high):
        gap = ((z - level).abs() / level).dropna()
        assert not (gap < 1e-12).any(), "zweig_thrust: a near-tie with a level"
    prev = z.shift(1)
    washed = z.shift(1).rolling(within, min_periods=1).min() < low
    fired = (z > high) & ~(prev > high) & washed
    return fired.astype(float).where(z.notna())

def high_low_index(members, n=252, m=10):
    highs, lows = extremes(members, n, True), extremes(members, n, False)
    record = 100 * highs / (highs + lows)       # 0 / 0 (neither) is missing
    return record.rolling(m).mean()

def net_new_highs(members, n=252):
    return extremes(members, n, True) - extremes(members, n, False)

def equal_weight(members):
    r = wide(members, lambda s: s.pct_change(fill_method=None)).to_numpy()
    level, out = 100.0, []
    for i, row in enumerate(r):
        present = row[~np.isnan(row)]
        if i == 0:
            out.append(level)
        elif len(present) == 0:
            out.append(np.nan)
        else:
            level *= 1 + math.fsum(present) / len(present)
            out.append(level)
    return pd.Series(out, index=wide(members, lambda s: s).index)

BREADTH = {
    "advancers": ("members whose close rose versus their own previous row (pandas diff > 0)",
                  lambda m: moves(m)[0]),
    "decliners": ("members whose close fell versus their own previous row (pandas diff < 0)",
                  lambda m: moves(m)[1]),
    "unchanged": ("members whose close held versus their own previous row (pandas diff == 0)",
                  lambda m: moves(m)[2]),
    "ad_line": ("cumsum(advancers - decliners), skipping missing dates (pandas cumsum)", ad_line),
    "ad_ratio": ("advancers / decliners (IEEE: inf when no decliner, missing when 0 / 0)",
                 lambda m: moves(m)[0] / moves(m)[1]),
    "pct_above": ("100 * members with close > their own sma(close, n) / members with that sma "
                  "defined (pandas rolling(n).mean per member)", pct_above),
    "new_highs": ("members whose close equals the max of their last n rows, today included; only "
                  "members with a full window (n rows, none missing) count", None),
    "new_lows": ("members whose close equals the min of their last n rows, today included; only "
                 "members with a full window (n rows, none missing) count", None),
    "mcclellan": ("ema(net, 19) - ema(net, 39), net = advancers - decliners; TA-Lib EMA seeded "
                  "with the SMA, on the non-missing net values (Rotor's EMA rule)", mcclellan),
    "mcclellan_ratio": ("ema(r, 19) - ema(r, 39), r = (advancers - decliners) / (advancers + "
                        "decliners) * 1000, missing where no member moved; TA-Lib EMA seeded with "
                        "the SMA, on the non-missing r values (Rotor's EMA rule)", mcclellan_ratio),
    "summation": ("cumsum(mcclellan), skipping missing dates (exactly rounded partial sums)",
                  summation),
    "equal_weight": ("daily-rebalanced equal-weight index: 100 on the first date of the union "
                     "calendar, then level * (1 + mean of the members' ret that day, over the "
                     "members with a ret that day); a later date where no member has a ret is "
                     "missing and the level carries over", equal_weight),
    "zweig": ("ema(advancers / (advancers + decliners), n), missing where no member moved; "
              "TA-Lib EMA seeded with the SMA, on the non-missing values (Rotor's EMA rule), "
              "checked against pandas ewm(span=n, adjust=False) after 100 values", zweig),
    "zweig_thrust": ("z = zweig(u, n); 1.0 on t when z[t] > high and not z[t-1] > high and "
                     "min(z[t-within .. t-1]) < low (missing values skipped), else 0.0; missing "
                     "where z is missing", zweig_thrust),
    "high_low_index": ("rolling(m).mean() of 100 * new_highs(n) / (new_highs(n) + "
                       "new_lows(n)), missing where both are 0", high_low_index),
    "net_new_highs": ("new_highs(n) - new_lows(n)", net_new_highs),
    "summation_ratio": ("cumsum(mcclellan_ratio), skipping missing dates (exactly rounded "
                        "partial sums)", summation_ratio),
}
PARAMS = {"pct_above": [(), (50,)], "new_highs": [(), (20,)], "new_lows": [(), (20,)],
          "zweig": [(), (5,)], "zweig_thrust": [(), (10, 0.45, 0.6, 5)],
          "high_low_index": [(), (20, 5)], "net_new_highs": [(), (20,)]}
SYN_PARAMS = {"pct_above": [(3,)], "new_highs": [(3,)], "new_lows": [(4,)], "zweig": [(3,)],
              "zweig_thrust": [(3, 0.4, 0.6, 4)], "high_low_index": [(4, 3)],
              "net_new_highs": [(4,)]}

# ---------------------------------------------------------------- synthetic universes

def synthetic_universe():
    rng = np.random.default_rng(26)             # a seed whose windows have no sma ties
    walk = lambda k, s: list(np.round(s + np.cumsum(rng.normal(0, 1, k)), 1))
    cal = pd.bdate_range("2024-01-01", periods=60)
    a = syn_dates(cal, walk(60, 50))                                   # full calendar
    bv = walk(48, 80)
    bv[10:14] = [np.nan] * 4                                           # a missing run
    b = syn_dates(cal[12:], bv)                                        # a late starter
    other = cal.delete([5, 6, 30]).append(pd.DatetimeIndex(["2024-01-13"])).sort_values()
    cv = walk(len(other), 20)
    cv[40] = np.nan
    c = syn_dates(other, cv)                                           # another calendar
    return {"a": a, "b": b, "c": c}

# ---------------------------------------------------------------- the fixtures

def checked(name, since):
    return {"check_since": since} if name in ("pct_above", "mcclellan", "mcclellan_ratio") else {}

def fixtures(r, data):
    universe = [s for _, s in load_universe(data)]
    sectors = [data.series(s) for s in
               ["XLK", "XLF", "XLE", "XLI", "XLV", "XLP", "XLY", "XLB", "XLU", "XLRE", "XLC"]]
    synth = synthetic_universe()
    members = [inp.s for inp in synth.values()]
    for name, (ref, fn) in BREADTH.items():
        if fn is None:
            fn = lambda m, n=252, high=(name == "new_highs"): extremes(m, n, high)
        fx = Fixture(name, ref + "; each member on its own rows (its previous row, its own "
                     "window), counted per date over the union of the members' dates, missing "
                     "where no member counts; real cases are computed over the whole history, "
                     "then sliced; universe() = the 580 symbols of universe/constituents.csv in "
                     "file order, a symbol with an etf/ file (AAPL MSFT GOOGL AMZN NVDA META TSLA) "
                     "taken whole from etf/, the others from universe/prices.csv")
        for args in PARAMS.get(name, [()]):
            call = f"{name}(universe(){''.join(', ' + str(a) for a in args)})"
            out = fn(universe, *args, **checked(name, SINCE))
            fx.add(f"{call} since {SINCE}", f"{call}.since({SINCE})", {}, out[out.index >= SINCE])
        if name == "pct_above":
            spells, since = data.membership(), "2019-01-02"
            syms = [sym for sym, _ in load_universe(data)]
            out = fn(universe, 200, check_since=since, spells=[spells.get(s, []) for s in syms])
            call = "pct_above(universe(), 200, pit=true)"
            fx.add(f"{call} since {since}: each member counted only on its S&P 500 member days "
                   "(reference/sp500_membership_fja05680.csv, both ends included)",
                   f"{call}.since({since})", {}, out[out.index >= since])
        call = f"{name}(sectors{''.join(', ' + str(a) for a in PARAMS.get(name, [()])[-1])})"
        out = fn(sectors, *PARAMS.get(name, [()])[-1], **checked(name, "2024-01-02"))
        fx.add(f"{call} since 2024-01-02", f"{call}.since(2024-01-02)", {},
               out[out.index >= "2024-01-02"])
        for args in SYN_PARAMS.get(name, [()]):
            tail = "".join(", " + str(a) for a in args)
            fx.add("late starter, missing run, other calendar", f"{name}([a, b, c]{tail})",
                   synth, fn(members, *args))
            fx.add("one member", f"{name}([a]{tail})", {"a": synth["a"]}, fn(members[:1], *args))
        yield fx


def figures(data):
    """Figures for the report, on Rotor's universe composition."""
    uni = [s for _, s in load_universe(data)]
    adv, dec, unch = (s["2024-07-11"] for s in moves(uni))
    print(f"universe() on 2024-07-11: advancers {adv:.0f}, decliners {dec:.0f}, unchanged {unch:.0f}")
    p = pct_above(uni, 50)
    for lo, hi in [("2023-12-01", "2023-12-31"), ("2024-02-01", "2024-02-09")]:
        print(f"pct_above(universe(), 50) {lo} .. {hi}:")
        for d, v in p[(p.index >= lo) & (p.index <= hi)].items():
            print(f"  {d:%Y-%m-%d}  {v!r}")
    for sym in ("IWM", "^RUT", "QQQ", "RSP", "SPY"):
        s = data.series(sym)
        change = 100 * (s[DAY] / s[s.index < DAY].iloc[-1] - 1)
        print(f"{sym} ret on {DAY}: {float(change)!r} %")
    spy, rsp, ew = data.series("SPY"), data.series("RSP"), equal_weight(uni)
    end = spy.index.intersection(rsp.index)[-1]
    for name, s in [("RSP", rsp), ("SPY", spy), ("equal_weight(universe())", ew)]:
        s = s.dropna()
        start = s[s.index >= "2025-11-01"].index[0]
        e = s[s.index <= end].index[-1]
        change = 100 * (s[e] / s[start] - 1)
        print(f"{name} change {start:%Y-%m-%d} .. {e:%Y-%m-%d}: {float(change)!r} %")
