"""benchmarks/RESULTS.md: the results table, the targets each hot path
registers, what the floors do, the dataset and the machine."""

import os
import platform

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


def write_results(path, results, checks, paths, counts, info, host, load, started, runs):
    lines = [
        "# hr_mentoring at scale: benchmark results",
        "",
        "Written by `make bench` (`scripts/bench.sh` → `benchmarks/bench.py`); do not edit by hand.",
        "",
        f"Run on {started:%Y-%m-%d %H:%M} UTC: median of {runs} runs per hot path after one untimed warm-up",
        "(3 for the PDF), each run in a savepoint rolled back afterwards, the ORM path and its raw-SQL floor",
        "alternating. The record caches are emptied before each run (a new request); the registry's caches",
        "stay warm (a running server). Queries counts every SQL statement of the path (ORM / floor). Ratio is",
        "ORM median / floor median; µs/record is the ORM median divided by N.",
        "",
        "| Hot path | N | Queries (ORM / floor) | ORM median | ORM best | Floor median | Ratio | µs/record |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        ratio = f"{r['ratio']:.1f}x" if r["ratio"] else "—"
        per_record = f"{r['us_per_record']:,.1f}" if r["n"] > 1 else "—"
        lines.append(
            f"| {r['label']} | {r['n']:,} | {fmt_queries(r['orm_queries'])} / {fmt_queries(r['floor_queries'])} "
            f"| {fmt_seconds(r['orm_seconds'])} | {fmt_seconds(min(r['orm_all']))} "
            f"| {fmt_seconds(r['floor_seconds'])} | {ratio} | {per_record} |"
        )
    lines += ["", "## Targets (issue 10)", "", "| Target | Result | Met |", "|---|---|:---:|"]
    for check in checks:
        lines.append(f"| {check.text} | {check.why} | {'yes' if check.ok else '**no**'} |")
    advice = list(dict.fromkeys(check.advice for check in checks if not check.ok and check.advice))
    if advice:
        lines += ["", "## Where a target is missed, and what to change", ""]
        for text in advice:
            lines += [text, ""]
        lines.pop()
    floors = FLOORS_INTRO + "".join(p.floors for p in paths)
    lines += ["", "## The floors", "", floors.rstrip("\n")]
    lines += ["", "## Dataset", "", f"Database built on {info.get('built_on')} in {info.get('build_seconds')} s.", ""]
    if info.get("scale", 1.0) != 1.0:
        lines[-1:-1] = [f"Scaled by {info['scale']} (`--scale`): a smoke run, not the dataset of the targets."]
    lines += ["| | count |", "|---|---:|"]
    lines += [f"| {k} | {v:,} |" for k, v in counts.items()]
    lines += ["", "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in host.items()]
    lines.append(f"| load average (1 min) before / after | {load[0]:.2f} / {load[1]:.2f} |")
    lines += [
        "",
        "The machine is shared: other agents ran test suites on it during the benchmark, so single timings",
        "are noisy (see the raw runs); medians of alternated runs keep the ratios meaningful. Query counts",
        "are exact and do not depend on the load.",
        "",
        "Raw runs (ORM seconds):",
        "",
    ]
    lines += [f"- `{r['name']}`: {r['orm_all']}" for r in results]
    lines.append("")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
