"""benchmarks/RESULTS.md: the results table, the targets each hot path
registers, what the floors do, the dataset and the machine.

RESULTS.md holds the figures of two scales, 1x (the targets' dataset) and
10x (``make bench SCALE=10``). Each run keeps its figures in
``benchmarks/results/scale-<scale>.json`` (a run with ``--only`` replaces only
its hot paths there), and RESULTS.md is written from both files, so either
run refreshes its own columns and keeps the other's."""

import json
import os
import platform

# Figures measured once, when a design choice was made: the code that made
# the choice says the rule, RESULTS.md keeps what was measured.
MEASURED_ONCE = """\
Measured when a design choice was made, not again by `make bench`:

- Mentors printed in the programme report (`MENTOR_ROWS_PRINTED`, 200, in
  `reports/hr_mentoring_report_common.py`): a programme's PDF with 1,200 mentor rows took 8 s,
  and ten such programmes 79 s.
- The missed-events claim (`hr_mentoring_event_planned_due_index`, a partial index of the planned
  events on `(date_due, id)`): on 1,000,000 events the claim took 433 ms with an index on the due
  date, 4.7 ms with this one.
"""

# What the browser tables showed and what was done about it: written by hand
# in benchmarks/results/, shown under the tables (benchmarks/browser.py measures)
BROWSER_NOTES_FILE = "browser-notes.md"

# a screen's targets: usable in the browser, and its requests' server time
BROWSER_TARGET_MS = 1000
SERVER_TARGET_MS = 150

FLOORS_INTRO = """\
What each floor does (raw SQL on the same data, the least work that gives the same result):

"""


def machine(env):
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(line.split(":", 1)[1].strip() for line in fh if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    ram = "?"
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(next(line.split()[1] for line in fh if line.startswith("MemTotal")))
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    env.cr.execute("SHOW server_version")
    pg = env.cr.fetchone()[0]
    from odoo import release

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "PostgreSQL": pg,
        "Python": platform.python_version(),
        "Odoo": release.version,
        "OS": platform.platform(),
    }


# the scales whose figures RESULTS.md holds: the targets' dataset, then ten times it
SCALES = (1.0, 10.0)
# a hot path's time per record at 10x within this factor of 1x is "flat"
FLAT_FACTOR = 1.5


def run_file(directory, scale):
    return os.path.join(directory, "results", f"scale-{scale:g}.json")


def save_run(directory, scale, run, partial):
    """Keep ``run`` as the figures of ``scale``; with ``partial`` (``--only``),
    only its hot paths replace those of the kept run. Returns the kept run."""
    path = run_file(directory, scale)
    if partial and os.path.exists(path):
        with open(path, encoding="utf-8") as fh:
            kept = json.load(fh)
        names = {r["name"] for r in run["results"]}
        order = [r["name"] for r in kept["results"] + run["results"]]
        by_name = {r["name"]: r for r in kept["results"] if r["name"] not in names}
        by_name.update({r["name"]: r for r in run["results"]})
        run = {**kept, **run, "extra": {**kept.get("extra", {}), **run["extra"]}}
        run["results"] = [by_name[n] for n in dict.fromkeys(order)]
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(run, fh, indent=1, sort_keys=True, default=str)
        fh.write("\n")
    return run


def load_runs(directory):
    """{scale: run} of the kept runs."""
    runs = {}
    for scale in SCALES:
        path = run_file(directory, scale)
        if os.path.exists(path):
            with open(path, encoding="utf-8") as fh:
                runs[scale] = json.load(fh)
    return runs


def verdicts(results, extra, paths):
    """The ``Check``s of every hot path's targets, in the targets' order."""
    by_name = {r["name"]: r for r in results}
    checks = []
    for path in sorted((p for p in paths if p.targets), key=lambda p: p.targets_order):
        checks += list(path.targets(by_name, extra))
    return checks


def fmt_seconds(value):
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.1f} s"


def fmt_queries(values):
    if not values:
        return "—"
    return str(values[0]) if len(values) == 1 else f"{values[0]}-{values[-1]}"


def fmt_per_record(r):
    return f"{r['us_per_record']:,.1f}" if r["n"] > 1 and r["us_per_record"] else "—"


def scale_rows(small, big):
    """The hot paths of both runs side by side: (name, label, 1x, 10x), the
    10x-only paths with no 1x figures."""
    by_name = {r["name"]: r for r in small["results"]}
    rows = [(r["name"], r["label"], r, None) for r in small["results"]]
    index = {name: i for i, (name, *_rest) in enumerate(rows)}
    for r in big["results"]:
        if r["name"] in index:
            name, label, r1, _none = rows[index[r["name"]]]
            rows[index[r["name"]]] = (name, label, r1, r)
        else:
            rows.append((r["name"], r["label"], by_name.get(r["name"]), r))
    return rows


def scale_checks(rows, small, big):
    """At 10x: the query counts of the same work do not grow with the
    data, the time per record stays flat (within ``FLAT_FACTOR``), and the
    Excel export's memory does not follow its rows (it streams)."""
    from paths import Check

    same, grown, slower, flat = [], [], [], 0
    for name, _label, r1, r10 in rows:
        if not (r1 and r10):
            continue
        q1, q10 = max(r1["orm_queries"]), max(r10["orm_queries"])
        if r1["n"] == r10["n"]:
            (same if q10 <= q1 else grown).append(f"`{name}` {q1} → {q10}")
        if r1["us_per_record"] and r10["us_per_record"]:
            factor = r10["us_per_record"] / r1["us_per_record"]
            if factor > FLAT_FACTOR:
                # the raw-SQL floor of the same statements, when there is one: how much is PostgreSQL's
                floor = (
                    f" (its raw-SQL floor {r10['floor_seconds'] / r1['floor_seconds']:.1f}x)"
                    if r1["floor_seconds"] and r10["floor_seconds"]
                    else ""
                )
                slower.append(f"`{name}` {factor:.1f}x{floor}")
            else:
                flat += 1
    yield Check(
        "x10_queries",
        "the same work at 10x the data: no more queries",
        not grown,
        f"{len(same)} of {len(same) + len(grown)} hot paths unchanged"
        + (f"; more at 10x: {', '.join(grown)}" if grown else ""),
        growth_advice(grown, small, big) if grown else None,
    )
    yield Check(
        "x10_flat",
        f"time per record at 10x within {FLAT_FACTOR}x of 1x",
        not slower,
        f"{flat} of {flat + len(slower)} hot paths flat" + (f"; slower: {', '.join(slower)}" if slower else ""),
        slower_advice(slower, small, big) if slower else None,
    )
    peak1, peak10 = small["extra"].get("xlsx_peak_mib"), big["extra"].get("xlsx_peak_mib")
    if peak1 and peak10:
        yield Check(
            "x10_xlsx_memory",
            "Excel export streams: its peak memory at 10x the rows within 2x of 1x",
            peak10["orm"] <= 2 * peak1["orm"],
            f"{peak1['orm']:.1f} MiB for {peak1['n']:,} events, {peak10['orm']:.1f} MiB for {peak10['n']:,}"
            f" (the bare loop: {peak1['floor']:.1f} and {peak10['floor']:.1f} MiB)",
        )


def growth_advice(grown, small, big):
    """Why the hot paths in ``grown`` ran more queries at 10x (what is known of them)."""
    lines = ["**Queries at 10x.** Where the same work ran more queries on the larger dataset:"]
    names = {item.split("`")[1] for item in grown}
    p1, p10 = small["extra"].get("cron_pairings"), big["extra"].get("cron_pairings")
    if "cron_flags" in names and p1 and p10:
        lines.append(
            f"- `cron_flags`: the batch's 1,000 events belong to {p1:,} pairings at 1x and {p10:,} at 10x (the"
            " events due first are spread over more pairings), and the ORM writes the pairings' figures 100 rows"
            " per `UPDATE`: at most 10 such statements for a batch of 1,000, whatever the data."
        )
    if "peer_plan" in names:
        lines.append(
            "- `peer_plan`: the plan is made for another new pairing in each dataset (its first free employee and"
            " first mentor), whose department's managers and activity users fall differently in the ORM's cache"
            " (one read more of the managers' users, one less in the wizard): the same people give the same count"
            " at any length (`test_plan.test_query_count_does_not_grow_with_the_plan`)."
        )
    return "\n".join(lines)


def slower_advice(slower, small, big):
    """Why the hot paths in ``slower`` took longer per record at 10x (what is known of them)."""
    lines = [
        "**Time per record at 10x.** Where a hot path's raw-SQL floor slowed as much, the time went to"
        " PostgreSQL running the same statements on ten times the rows, not to the ORM:"
    ]
    names = {item.split("`")[1] for item in slower}
    p1, p10 = small["extra"].get("cron_pairings"), big["extra"].get("cron_pairings")
    if "cron_flags" in names and p1 and p10:
        ratio = {r["name"]: r["ratio"] for r in small["results"]}
        ratio10 = {r["name"]: r["ratio"] for r in big["results"]}
        lines.append(
            f"- `cron_flags`: the 1,000 events due first belong to {p10:,} pairings at 10x ({p1:,} at 1x), so the"
            " claim dirties about a table page per event and the figures are recounted for more pairings"
            f"{table_size(small, big)}. The ORM's time over its floor is"
            f" {ratio['cron_flags']:.1f}x at 1x and {ratio10['cron_flags']:.1f}x at 10x. A site of this size"
            " gives PostgreSQL about a quarter of the machine's memory as `shared_buffers`, as PostgreSQL's"
            " documentation advises."
        )
    return "\n".join(lines)


def table_size(small, big):
    """The events' table against PostgreSQL's `shared_buffers` at both scales, when measured."""
    sizes = [run["extra"].get("events_mib") for run in (small, big)]
    buffers = big["extra"].get("shared_buffers_mib")
    if not (all(sizes) and buffers):
        return ", on an events' table ten times larger"
    return (
        f"; the events' table with its indexes ({sizes[0]:,} MiB at 1x, {sizes[1]:,} MiB at 10x) against"
        f" PostgreSQL's `shared_buffers` of {buffers:,} MiB"
    )


def results_table(results):
    lines = [
        "| Hot path | N | Queries (ORM / floor) | ORM median | ORM best | Floor median | Ratio | µs/record |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = f"{r['ratio']:.1f}x" if r["ratio"] else "—"
        lines.append(
            f"| {r['label']} | {r['n']:,} | {fmt_queries(r['orm_queries'])} / {fmt_queries(r['floor_queries'])} "
            f"| {fmt_seconds(r['orm_seconds'])} | {fmt_seconds(min(r['orm_all']))} "
            f"| {fmt_seconds(r['floor_seconds'])} | {ratio} | {fmt_per_record(r)} |"
        )
    return lines


def checks_table(checks):
    lines = ["| Target | Result | Met |", "|---|---|:---:|"]
    return lines + [f"| {check.text} | {check.why} | {'yes' if check.ok else '**no**'} |" for check in checks]


def write_results(path, runs, paths):
    """RESULTS.md from ``runs`` ({scale: run}): the first scale's figures and
    targets, then, when 10x is there, both scales side by side."""
    scales = sorted(runs)
    main = runs[scales[0]]
    big = runs[scales[-1]] if len(scales) > 1 else None
    results = main["results"]
    checks = verdicts(results, main["extra"], paths)
    lines = [
        "# hr_mentoring at scale: benchmark results",
        "",
        "Written by `make bench` (`scripts/bench.sh` → `benchmarks/bench.py`); do not edit by hand.",
        "",
        f"Run on {main['started'][:16].replace('T', ' ')} UTC: median of {main['runs']} runs per hot path after"
        " one untimed warm-up",
        "(3 for the PDF), each run in a savepoint rolled back afterwards, the ORM path and its raw-SQL floor",
        "alternating. The record caches are emptied before each run (a new request); the registry's caches",
        "stay warm (a running server). Queries counts every SQL statement of the path (ORM / floor). Ratio is",
        "ORM median / floor median; µs/record is the ORM median divided by N.",
        "",
        *results_table(results),
    ]
    big_checks = []
    if big:
        rows = scale_rows(main, big)
        lines += [
            "",
            "## 1x and 10x",
            "",
            "The same hot paths on the dataset of `make bench SCALE=10` (run on"
            f" {big['started'][:16].replace('T', ' ')} UTC, median of",
            f"{big['runs']} runs). The cron batch, the wizard's candidates, the list pages and the fixed-size paths do",
            "the same work at both scales; the cohort and the programme's exports grow with the data.",
            "",
            "| Hot path | N 1x | N 10x | Queries 1x | Queries 10x | Median 1x | Median 10x | µs/record 1x "
            "| µs/record 10x | 10x / 1x per record |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for _name, label, r1, r10 in rows:
            growth = "—"
            if r1 and r10 and r1["us_per_record"] and r10["us_per_record"]:
                growth = f"{r10['us_per_record'] / r1['us_per_record']:.2f}x"
            cells = []
            for key in ("n", "orm_queries", "orm_seconds"):
                for r in (r1, r10):
                    if not r:
                        cells.append("—")
                    elif key == "n":
                        cells.append(f"{r['n']:,}")
                    elif key == "orm_queries":
                        cells.append(fmt_queries(r["orm_queries"]))
                    else:
                        cells.append(fmt_seconds(r["orm_seconds"]))
            per_record = [fmt_per_record(r) if r else "—" for r in (r1, r10)]
            lines.append(f"| {label} | {' | '.join(cells)} | {' | '.join(per_record)} | {growth} |")
        big_checks = list(scale_checks(rows, main, big)) + verdicts(big["results"], big["extra"], paths)
        lines += ["", "### Targets at 10x", "", *checks_table(big_checks)]
    lines += browser_lines(os.path.dirname(os.path.abspath(path)))
    lines += ["", "## Targets", "", *checks_table(checks)]
    advice = list(dict.fromkeys(check.advice for check in checks + big_checks if not check.ok and check.advice))
    if advice:
        lines += ["", "## Where a target is missed, and what to change", ""]
        for text in advice:
            lines += [text, ""]
        lines.pop()
    floors = FLOORS_INTRO + "".join(p.floors for p in paths)
    lines += ["", "## The floors", "", floors.rstrip("\n")]
    lines += ["", "## Measured once", "", MEASURED_ONCE.rstrip("\n")]
    lines += ["", "## Dataset", ""]
    for run in (main, big) if big else (main,):
        info = run["info"]
        lines.append(f"{scale_title(run)}: built on {info.get('built_on')} in {info.get('build_seconds')} s.")
    if main["info"].get("scale", 1.0) not in SCALES:
        lines.append(f"Scaled by {main['info']['scale']} (`--scale`): a smoke run, not the dataset of the targets.")
    lines.append("")
    if big:
        lines += ["| | 1x | 10x |", "|---|---:|---:|"]
        lines += [f"| {k} | {v:,} | {big['counts'].get(k, 0):,} |" for k, v in main["counts"].items()]
    else:
        lines += ["| | count |", "|---|---:|"]
        lines += [f"| {k} | {v:,} |" for k, v in main["counts"].items()]
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in main["host"].items()]
    for run in (main, big) if big else (main,):
        load = run["load"]
        lines.append(f"| load average (1 min) before / after, {scale_title(run)} | {load[0]:.2f} / {load[1]:.2f} |")
    lines += [
        "",
        "The machine is shared: other agents ran test suites on it during the benchmark, so single timings",
        "are noisy (see the raw runs); medians of alternated runs keep the ratios meaningful. Query counts",
        "are exact and do not depend on the load.",
        "",
        "Raw runs (ORM seconds):",
        "",
    ]
    for run in (main, big) if big else (main,):
        lines += [f"- {scale_title(run)}, `{r['name']}`: {r['orm_all']}" for r in run["results"]]
    lines.append("")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))


def browser_lines(directory):
    """The browser tables of ``make bench-browser`` (results/browser-<scale>.json)."""
    lines = []
    for scale in SCALES:
        path = os.path.join(directory, "results", f"browser-{scale:g}.json")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as fh:
            run = json.load(fh)
        lines += [
            "",
            f"## Each role's screens in a browser, {scale:g}x",
            "",
            f"Written by `make bench-browser SCALE={scale:g}` (`scripts/bench_browser.sh` → `benchmarks/browser.py`)"
            f" on {run['started'][:16].replace('T', ' ')} UTC: {run['browser']}, headless, on `{run['db']}` served by",
            f"`make serve` ({run['workers']} HTTP workers, no cron worker) on {run['machine']}. Median of"
            f" {run['runs']} runs after an",
            "untimed warm-up (the client's views and assets are cached, as after a user's first click). Browser: from",
            "the click until the screen's view is in the page with no RPC pending, and none for"
            f" {run['quiet_ms']} ms after. Server: the",
            "sum of the server's own times (SQL and Python) of the screen's requests, from its request log.",
            f"Targets: {BROWSER_TARGET_MS} ms in the browser, {SERVER_TARGET_MS} ms of server time.",
            "",
            "| Role (login) | Screen | Browser | Server | Requests | Queries | Slowest request | Met |",
            "|---|---|---:|---:|---:|---:|---|:---:|",
        ]
        for s in run["screens"]:
            slowest = s["slowest"]
            slow = "—"
            if slowest:
                slow = f"`{slowest['path'].removeprefix('/web/dataset/call_kw/')}` {slowest['ms']:.0f} ms"
            met = s["browser_ms"] <= BROWSER_TARGET_MS and s["server_ms"] <= SERVER_TARGET_MS and not s["errors"]
            lines.append(
                f"| {s['role']} (`{s['login']}`) | {s['screen']} | {s['browser_ms']:.0f} ms | {s['server_ms']:.0f} ms"
                f" | {s['requests']} | {s['queries']} | {slow} | {'yes' if met else '**no**'} |"
            )
        lines += ["", "Raw runs (browser ms / server ms):", ""]
        lines += [f"- {s['role']}, {s['screen']}: {s['browser_all']} / {s['server_all']}" for s in run["screens"]]
    notes = os.path.join(directory, "results", BROWSER_NOTES_FILE)
    if lines and os.path.exists(notes):
        with open(notes, encoding="utf-8") as fh:
            lines += ["", "### Why, and what was done", "", fh.read().rstrip("\n")]
    return lines


def scale_title(run):
    return f"{run['info'].get('scale', 1.0):g}x"


if __name__ == "__main__":
    # RESULTS.md again from benchmarks/results/, without measuring (after a change to this file)
    import paths

    here = os.path.dirname(os.path.abspath(__file__))
    write_results(os.path.join(here, "RESULTS.md"), load_runs(here), paths.discover())
