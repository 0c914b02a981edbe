#!/usr/bin/env python3
"""What it costs to identify a folder of CSV files for the load cache (docs/data.md).

Usage: python3 Scripts/dev/stamp-cost.py DIR [DIR ...]

For every *.csv under each DIR, best of 5: a stat per file (size, times, inode, device), a
stat plus the first and last 4 KiB (the sampled hash's reads), and reading every byte (what
a content hash needs before hashing). Python's own overhead is included, so the numbers are
upper bounds for Rotor; their ratios are what matter.
"""
import os, sys, time, glob
def files(d): return sorted(glob.glob(d+"/**/*.csv", recursive=True))
def stat_only(fs):
    for f in fs: os.stat(f)
def sampled(fs):
    for f in fs:
        st=os.stat(f); fd=os.open(f,os.O_RDONLY)
        n=st.st_size
        for off in ([0] if n<=8192 else [0,n-4096]): os.pread(fd,4096,off)
        os.close(fd)
def full(fs):
    for f in fs:
        with open(f,'rb') as h:
            while h.read(1<<20): pass
for d in sys.argv[1:]:
    fs=files(d); size=sum(os.path.getsize(f) for f in fs)
    print(d, len(fs), "files", size>>20, "MiB")
    for fn in (stat_only, sampled, full):
        best=min((lambda: (lambda t0: (fn(fs), time.perf_counter()-t0)[1])(time.perf_counter()))() for _ in range(5))
        print(f"  {fn.__name__}: {best*1000:.1f} ms")
