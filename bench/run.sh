#!/usr/bin/env bash
# Benchmark: `annexe score --format jsonl` against the parse-only floor.
#
#   bash bench/run.sh [RUNS] [N...]        default: RUNS=3, N=10000 100000
#
# For each N, generates N dossiers into /tmp/annexe-bench/corpusN with
# shared/perf/gen_corpus.py (deterministic, kept between runs), builds the floor
# (a copy of shared/perf/floor in /tmp, which is read-only) and annexe (release),
# warms the page cache, then times interleaved runs of
#   floor --threads 2 DIR                        (parse only)
#   annexe score --format jsonl DIR > /dev/null  (read, parse, score, serialise)
#   annexe score --format jsonl -j 2 DIR         (the same on 2 threads)
# with GNU /usr/bin/time -v, and prints medians: wall time, files/s, peak RSS,
# and the ratio to the floor. Also times `annexe check` on one file and
# `annexe --version` (start-up). Needs python3 and GNU time.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${ANNEXE_SHARED:-$(cd "$repo/.." && pwd)/shared}
[[ -d $shared/perf ]] || shared=/work/shared
runs=3
if [[ ${1:-} =~ ^[0-9]+$ && ${1:-0} -lt 100 ]]; then runs=$1; shift; fi
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000)
work=/tmp/annexe-bench
mkdir -p "$work"

echo "== building the floor and annexe (release)" >&2
rm -rf "$work/floor" && cp -r "$shared/perf/floor" "$work/floor" && chmod -R u+w "$work/floor"
(cd "$work/floor" && cargo build --release --quiet)
floor="$work/floor/target/release/floor"
(cd "$repo" && cargo build --release --quiet)
annexe="$repo/target/release/annexe"

log=$(mktemp -d "$work/log.XXXXXX")
for n in "${sizes[@]}"; do
  dir="$work/corpus$n"
  if [[ ! -f $dir/.complete ]]; then
    echo "== generating $n dossiers into $dir" >&2
    rm -rf "$dir" && python3 "$shared/perf/gen_corpus.py" "$dir" "$n" >/dev/null && touch "$dir/.complete"
  fi
  find "$dir" -name '*.toml' -exec cat {} + >/dev/null # warm the page cache
  declare -A cmds=(
    [1-floor-j2]="$floor --threads 2 $dir > /dev/null"
    [2-annexe-jsonl]="$annexe score --format jsonl $dir > /dev/null"
    [3-annexe-jsonl-j2]="$annexe score --format jsonl -j 2 $dir > /dev/null"
  )
  for ((i = 1; i <= runs; i++)); do
    for name in $(printf '%s\n' "${!cmds[@]}" | sort); do
      /usr/bin/time -v -o "$log/$n.$name.$i" sh -c "${cmds[$name]}" || true
    done
  done
  unset cmds
done
one=$(find "$work/corpus${sizes[0]}" -name '*.toml' | sort | sed -n 1p)
# Start-up: GNU time counts in centiseconds, too coarse here; time 30 runs in Python.
python3 - "$annexe" "$one" <<'PY'
import statistics, subprocess, sys, time
annexe, one = sys.argv[1:3]
for name, cmd in [("annexe --version", [annexe, "--version"]), ("annexe check ONE_FILE", [annexe, "check", one])]:
    times = []
    for _ in range(30):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    print(f"{name}: median {statistics.median(times) * 1000:.1f} ms over 30 runs")
PY
echo

python3 - "$log" <<'PY'
import re, statistics, sys, pathlib
log = pathlib.Path(sys.argv[1])
rows = {}
for f in sorted(log.glob("*.*.*")):
    corpus, name, _ = f.name.rsplit(".", 2)
    t = f.read_text()
    wall = t.split("Elapsed (wall clock) time (h:mm:ss or m:ss): ")[1].split()[0]
    secs = sum(float(x) * 60 ** i for i, x in enumerate(reversed(wall.split(":"))))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
    cpu = float(re.search(r"User time \(seconds\): ([\d.]+)", t).group(1)) + \
          float(re.search(r"System time \(seconds\): ([\d.]+)", t).group(1))
    rows.setdefault((corpus, name), []).append((secs, rss, cpu))
print("| files | command | wall s (median) | files/s | CPU s | peak RSS MiB | wall / floor |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
floors = {c: statistics.median(w for w, _, _ in v) for (c, n), v in rows.items() if n.endswith("floor-j2")}
for (corpus, name), v in sorted(rows.items(), key=lambda kv: (int(kv[0][0]), kv[0][1])):
    wall = statistics.median(w for w, _, _ in v)
    files = int(corpus)
    rate = f"{files / wall:,.0f}" if files > 1 and wall > 0 else "-"
    ratio = f"{wall / floors[corpus]:.2f}" if corpus in floors and name != "1-floor-j2" else "-"
    print(f"| {files:,} | {name.split('-', 1)[1]} | {wall:.3f} | {rate} | "
          f"{statistics.median(c for _, _, c in v):.2f} | {statistics.median(r for _, r, _ in v) / 1024:.1f} | {ratio} |")
print(f"\n(raw /usr/bin/time -v output in {log}; 'files' 1 = a single-file command)")
PY
