"""Shared pieces of the fixture generator: data loading, synthetic inputs, JSON encoding.

A fixture file is `{"builtin", "reference", "cases": [...]}`, one case per line. A case is
`{"name", "expr", "inputs": {var: {["source"], "dates", "values"}}}` plus the expected result:
`"dates"` + `"values"` (a series), `"value"` (a number), `"date"`, or `"table"`:
`{"index_kind": "dates"|"labels", "index": [...], ["label_header"], "columns":
[{"name", "values": [...]} | {"name", "strings": [...]}]}`.
"""
import json
import math
import re
from collections import namedtuple
from pathlib import Path

import numpy as np
import pandas as pd

OUT_DIR = Path(__file__).resolve().parents[1] / "RotorEngineTests" / "Fixtures"
MEMBERSHIP_CSV = Path(__file__).resolve().parents[2] / "Sources" / "CRotorData" / "sp500_membership.csv"
np.seterr(all="ignore")

# ---------------------------------------------------------------- inputs and data

Inp = namedtuple("Inp", "s source", defaults=[None])   # an input series; source for real data

# The dataset's trading sessions (every date on which some symbol has a row), set by
# generate.py: what freshness is judged against (docs/language.md §3, "Freshness").
SESSIONS = pd.DatetimeIndex([])

def set_sessions(data):
    global SESSIONS
    SESSIONS = data.sessions()

def trading_days(after, through):
    """Trading days t with after < t <= through: sessions, then weekdays after the last one."""
    n = int(((SESSIONS > after) & (SESSIONS <= through)).sum())
    tail = max(after, SESSIONS[-1]) if len(SESSIONS) else after
    if through > tail:
        n += len(pd.bdate_range(tail + pd.Timedelta(days=1), through))
    return n

def stale(x, d):
    """Whether series x (its last row) is stale as of d: d later and a trading day between."""
    last = x.index[-1]
    return d > last and trading_days(last, d) > 0

def parse_values(cells):
    """Cells parsed with Python's float (correctly rounded, as Swift's Double(String))."""
    return [float(v) if v not in ("", "null", "NaN") else np.nan for v in cells]

def default_column(rows):
    """A symbol's default series: adj_close when it has any value, else close. An adj_close
    that repeats close on every row with both (an index's) takes close where it is empty
    (docs/data.md); one that differs anywhere is used as it is."""
    if "adj_close" not in rows.columns or not (rows.adj_close != "").any():
        return rows.close
    both = (rows.adj_close != "") & (rows.close != "")
    same = parse_values(rows.adj_close[both]) == parse_values(rows.close[both])
    if same:
        return rows.adj_close.where(rows.adj_close != "", rows.close)
    return rows.adj_close


class Dataset:
    """Default series per symbol: etf/<SYM>.csv first, then universe/prices.csv (docs/language.md §5)."""

    def __init__(self, root):
        self.root, self.universe = Path(root), None

    def long_universe(self):
        """universe/prices.csv as text columns date, symbol, close (file order)."""
        if self.universe is None:
            self.universe = pd.read_csv(self.root / "universe" / "prices.csv", dtype=str,
                                        keep_default_na=False, usecols=["date", "symbol", "close"])
        return self.universe

    def in_etf(self, sym):
        return (self.root / "etf" / f"{sym}.csv").exists()

    def series(self, sym):
        path = self.root / "etf" / f"{sym}.csv"
        if path.exists():
            rows = pd.read_csv(path, dtype=str, keep_default_na=False)
            rows = rows.assign(value=default_column(rows))
        else:
            u = self.long_universe()
            rows = u[u.symbol == sym].rename(columns={"close": "value"})
        return pd.Series(parse_values(rows.value), index=pd.to_datetime(rows.date.to_numpy()))

    def sessions(self):
        """Every date on which some symbol (etf/ or universe/) has a row, ascending."""
        days = set(pd.to_datetime(self.long_universe().date.unique()))
        for path in (self.root / "etf").glob("*.csv"):
            days.update(pd.to_datetime(pd.read_csv(path, usecols=["date"]).date))
        return pd.DatetimeIndex(sorted(days))

    def membership_file(self):
        return self.root / "reference" / "sp500_membership_fja05680.csv"

    def membership(self):
        """{symbol: [(first, last)]} from the membership history (`membership_file`); an empty
        end_date is an open spell; both ends are member days."""
        m = pd.read_csv(self.membership_file(), dtype=str, keep_default_na=False)
        out = {}
        for sym, start, end in zip(m.symbol, m.start_date, m.end_date):
            out.setdefault(sym, []).append((pd.Timestamp(start),
                                            pd.Timestamp(end) if end else pd.Timestamp.max))
        return out

    def constituents(self):
        """The symbols of `universe()`: universe/constituents.csv in file order."""
        c = pd.read_csv(self.root / "universe" / "constituents.csv", dtype=str, keep_default_na=False)
        return list(c.symbol)

    @staticmethod
    def open(root):
        """The dataset at `root`: a shared-data folder (etf/ and universe/) or the folder
        `rotor export` writes (SYMBOL.csv per symbol, constituents.csv)."""
        return Dataset(root) if (Path(root) / "etf").is_dir() else ExportedDataset(root)


    def slice(self, sym, since, until=None):
        """Real input `SYM.since(d)` or `SYM.between(d1, d2)`, both inclusive."""
        s = self.series(sym)
        s = s[s.index >= since] if until is None else s[(s.index >= since) & (s.index <= until)]
        assert 0 < len(s) <= 1500, (sym, since, len(s))     # keep the files small
        call = f"since({since})" if until is None else f"between({since}, {until})"
        return Inp(s, f"{ident(sym)}.{call}")

class ExportedDataset(Dataset):
    """The folder `rotor export` writes: one SYMBOL.csv per symbol (its columns only those the
    symbol has, so the default series is adj_close when present, else close) and
    constituents.csv. Every symbol has its own file, so `in_etf` is true for all of them and
    the universe is read file by file."""

    def long_universe(self):
        return pd.DataFrame({"date": [], "symbol": [], "close": []}, dtype=str)

    def in_etf(self, sym):
        return True

    def series(self, sym):
        rows = pd.read_csv(self.root / f"{sym}.csv", dtype=str, keep_default_na=False)
        value = rows.adj_close if "adj_close" in rows.columns else rows.close
        return pd.Series(parse_values(value), index=pd.to_datetime(rows.date.to_numpy()))

    def constituents(self):
        c = pd.read_csv(self.root / "constituents.csv", dtype=str, keep_default_na=False)
        return list(c.symbol)

    def sessions(self):
        """Every date on which some symbol file of the export has a row, ascending."""
        days = set()
        for path in self.root.glob("*.csv"):
            if path.name != "constituents.csv":
                days.update(pd.to_datetime(pd.read_csv(path, usecols=["date"]).date))
        return pd.DatetimeIndex(sorted(days))

    def membership_file(self):
        """An export has no membership history: the bundled copy (byte-identical to the data
        release's reference/sp500_membership_fja05680.csv)."""
        return MEMBERSHIP_CSV


def ident(sym):
    """A symbol as written in Rotor: backticks unless it is an identifier."""
    return sym if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sym) else f"`{sym}`"

def syn(values, start="2024-01-01", missing=()):
    """A synthetic business-day series; `missing` lists row positions set to NaN."""
    v = np.array(values, dtype=float)
    v[list(missing)] = np.nan
    return Inp(pd.Series(v, index=pd.bdate_range(start, periods=len(v))))

def syn_dates(dates, values):
    """A synthetic series on explicit ISO dates."""
    return Inp(pd.Series(np.array(values, dtype=float), index=pd.to_datetime(dates)))

WALK = list(np.round(100 + np.cumsum(np.random.default_rng(7).normal(0, 1.5, 30)), 2))
MISSING = syn(WALK, missing=range(10, 14))      # a run of 4 missing rows in the middle
LATE = syn(WALK, missing=range(8))              # a late starter: 8 leading missing rows
SHORT = syn(WALK[:10])                          # 10 rows, for windows longer than the series
SINGLE = syn(WALK[:1])
SIGNED = syn([3, 0, 0, -2, 5, 0, -1.5, 4, -3, 0, 2, -4])   # zeros and negatives
ALL_MISSING = syn([np.nan] * 5)
SYNTHETIC = [("missing run", MISSING), ("late starter", LATE), ("short", SHORT),
             ("single row", SINGLE), ("zeros and negatives", SIGNED)]

def day(inp, row):
    """ISO date of a synthetic input's row, for date arguments."""
    return inp.s.index[row].strftime("%Y-%m-%d")

# ---------------------------------------------------------------- encoding

def enc(v):
    """JSON value for a number: null for missing, "inf"/"-inf", else a Python float."""
    if v is None or (isinstance(v, float | np.floating) and math.isnan(v)):
        return None
    v = float(v)
    return ("inf" if v > 0 else "-inf") if math.isinf(v) else v

def iso(d):
    return d.strftime("%Y-%m-%d")

def enc_series(s):
    return {"dates": [iso(d) for d in s.index], "values": [enc(v) for v in s]}

def enc_table(df):
    """A DataFrame as an expected table: a DatetimeIndex gives a time table; otherwise the
    index holds the labels and its name is the label header. Non-numeric columns are strings."""
    if isinstance(df.index, pd.DatetimeIndex):
        out = {"index_kind": "dates", "index": [iso(d) for d in df.index]}
    else:
        out = {"index_kind": "labels", "index": [str(v) for v in df.index],
               "label_header": df.index.name}
    out["columns"] = [{"name": str(c), "strings": [str(v) for v in df[c]]} if not pd.api.types.is_numeric_dtype(df[c])
                      else {"name": str(c), "values": [enc(v) for v in df[c]]} for c in df.columns]
    return out

class Fixture:
    def __init__(self, builtin, reference):
        self.builtin, self.reference, self.cases = builtin, reference, []

    def add(self, name, expr, inputs, result):
        case = {"name": name, "expr": expr,
                "inputs": {k: ({"source": i.source} if i.source else {}) | enc_series(i.s)
                           for k, i in inputs.items()}}
        if isinstance(result, pd.Series):
            case |= enc_series(result)
        elif isinstance(result, pd.DataFrame):
            case["table"] = enc_table(result)
        elif isinstance(result, pd.Timestamp):
            case["date"] = result.strftime("%Y-%m-%d")
        else:
            case["value"] = enc(result)
        self.cases.append(case)

    def call(self, inp, args, fn, label=None):
        """Case `builtin(x, args...)` on one input; expected result fn(series, *args)."""
        expr = f"{self.builtin}({', '.join(['x', *map(str, args)])})"
        name = ", ".join([label or inp.source, *map(str, args)])
        self.add(name, expr, {"x": inp}, fn(inp.s, *args))

    def write(self):
        lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in self.cases]
        head = json.dumps({"builtin": self.builtin, "reference": self.reference})[:-1]
        (OUT_DIR / f"{self.builtin}.json").write_text(
            head + ', "cases": [\n' + ",\n".join(lines) + "\n]}\n")
        return len(self.cases)

# ---------------------------------------------------------------- checks and helpers

def assert_close(a, b, what, rtol=1e-9):
    a, b = np.asarray(a, float), np.asarray(b, float)
    ok = np.isclose(a, b, rtol=rtol, atol=1e-12, equal_nan=True) | (a == b)
    assert ok.all(), f"{what}: references disagree at rows {np.where(~ok)[0][:5]}"

def joined(a, b):
    return pd.concat([a, b], axis=1, join="inner").sort_index()

def window_apply(x, n, fn):
    """fn over each full window of n rows (None while the window holds a missing value)."""
    v, out = x.to_numpy(float), np.full(len(x), np.nan)
    for i in range(n - 1, len(v)):
        w = v[i - n + 1:i + 1]
        if not np.isnan(w).any():
            out[i] = fn(w)
    return pd.Series(out, index=x.index)

def exact_mean(w):
    return math.fsum(w) / len(w)

def exact_std(w, ddof=1):
    """Two-pass standard deviation with exactly rounded sums."""
    if len(w) <= ddof:
        return np.nan
    m = exact_mean(w)
    return math.sqrt(math.fsum((v - m) ** 2 for v in w) / (len(w) - ddof))

def well_conditioned(num, parts, what, limit=1e5):
    """Assert that num (a difference) is not lost to cancellation of its parts: an
    implementation accurate to 1e-15 of the parts then stays within 1e-10 of num."""
    num = np.asarray(num, float)
    scale = np.nanmax(np.abs(np.vstack([np.asarray(p, float) for p in parts])), axis=0)
    bad = np.abs(num) * limit < scale
    assert not bad.any(), f"{what}: ill-conditioned rows {np.where(bad)[0][:5]}"
