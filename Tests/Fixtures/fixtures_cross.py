"""Reference fixtures for the cross-sectional reductions (share, quantile, and the list forms
of median, mean, ...): the breadth measures of Scripts/custom-breadth.rotor, each member on
its own rows, aligned on the union of the members' dates, reduced across the members present
on each date with pandas (skipna)."""
from pathlib import Path

import numpy as np
import pandas as pd
import talib

from fixtures_core import Fixture
from fixtures_breadth import load_universe, wide

SINCE = "2023-01-03"
SECTORS = ["Energy", "Information Technology", "Utilities"]


def members_of(data, sector):
    """The symbols of `members(sector)`: constituents.csv rows of that sector, in file order."""
    root = Path(data.root)
    path = root / "constituents.csv" if (root / "constituents.csv").exists() else \
        root / "universe" / "constituents.csv"
    c = pd.read_csv(path, dtype=str, keep_default_na=False)
    return list(c.symbol[c.sector.str.lower() == sector.lower()])


def share(conditions):
    """100 × members true / members with a value, per date; missing where none has one."""
    w = wide(conditions, lambda s: s)
    n = w.notna().sum(axis=1)
    return (100 * (w == 1).sum(axis=1) / n).where(n > 0)


def condition(values, mask):
    """1/0 where `values` is present, missing elsewhere."""
    return mask.astype(float).where(values.notna())


def rsi_above(s, n=14, level=50):
    r = pd.Series(talib.RSI(s.to_numpy(dtype=float), n), index=s.index)
    return condition(r, r > level)


def at_high(s, n=20):
    m = s.rolling(n).max()
    return condition(m.where(s.notna()), s >= m)


def ret(s, n=63):
    return s / s.shift(n) - 1


def since(x, d=SINCE):
    return x[x.index >= d]


def fixtures(r, data):
    universe = [s for _, s in load_universe(data)]
    fx = Fixture("share", "100 × (members whose condition is true) / (members whose condition "
                 "is defined), per date over the union of the members' dates, each member on its "
                 "own rows; TA-Lib RSI; rolling max with a full window (pandas)")
    fx.add("% of universe() with RSI(14) > 50",
           f"share(map(universe(), s => s.rsi(14) > 50)).since({SINCE})", {},
           since(share([rsi_above(s) for s in universe])))
    fx.add("% of universe() at a 20-day closing high",
           f"share(map(universe(), s => s >= s.highest(20))).since({SINCE})", {},
           since(share([at_high(s) for s in universe])))
    yield fx
    qx = Fixture("quantile", "pandas DataFrame.quantile(q, axis=1) (linear interpolation, "
                 "missing values skipped) across the members' 63-day returns, per date")
    md = Fixture("median", "pandas DataFrame.median(axis=1) across the members' values per date "
                 "(the members present on that date)")
    for sector in SECTORS:
        syms = members_of(data, sector)
        w = wide([data.series(s) for s in syms], ret)
        md.add(f"median 3-month return of members(\"{sector}\")",
               f"median(map(members(\"{sector}\"), s => s.ret(63))).since({SINCE})", {},
               since(w.median(axis=1)))
        for q in (0.25, 0.9):
            qx.add(f"{q} quantile of the 3-month returns of members(\"{sector}\")",
                   f"quantile(map(members(\"{sector}\"), s => s.ret(63)), {q}).since({SINCE})",
                   {}, since(w.quantile(q, axis=1)))
    yield md
    yield qx
