#!/usr/bin/env python3
"""Draws the end-to-end benchmark's figures from the CSV files EndToEndBenchmark writes.

Usage: python3 benchmarks/plot_end_to_end.py [RESULTS.csv] [OUT.svg]
       (defaults: benchmarks/results/end-to-end.csv, docs/benchmarks/end-to-end.svg)

Reads RESULTS.csv and its siblings RESULTS-latency.csv (percentiles) and RESULTS-stages.csv (the throughput
burst's progress per stage). Needs matplotlib (pip install matplotlib); the build does not.
"""
import csv
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (the backend must be chosen first)


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main(argv):
    results = Path(argv[1] if len(argv) > 1 else "benchmarks/results/end-to-end.csv")
    out = Path(argv[2] if len(argv) > 2 else "docs/benchmarks/end-to-end.svg")
    stem = results.with_suffix("")
    figures = {r["measurement"]: r for r in read_rows(results)}
    latency = read_rows(f"{stem}-latency.csv")
    stages = read_rows(f"{stem}-stages.csv")

    def value(name, column="sieve"):
        return float(figures[name][column])

    setting = {k[len("setting_"):]: v["sieve"] for k, v in figures.items() if k.startswith("setting_")}
    fig, (cdf, bars, progress) = plt.subplots(1, 3, figsize=(16, 5.2), gridspec_kw={"width_ratios": [1.3, 0.8, 1.2]})

    # Latency CDF, log time axis: the two sides are orders of magnitude apart.
    pct = [float(r["percentile"]) for r in latency]
    for column, label, style in (
            ("sieve_every_row_ms", "Sieve: every row of the event in ClickHouse", "-"),
            ("sieve_first_row_ms", "Sieve: its first row in ClickHouse", "--"),
            ("kafka_pass_through_ms", "Kafka pass-through: consumer received", "-")):
        ms = [max(1.0, float(r[column])) for r in latency]
        cdf.plot(ms, pct, style, label=label, linewidth=2)
    for p in (50, 99):
        cdf.axhline(p, color="grey", linewidth=0.6, linestyle=":")
    cdf.set_xscale("log")
    cdf.set_xlabel("latency from send (ms, log scale)")
    cdf.set_ylabel("percentile of events")
    cdf.set_ylim(0, 100)
    cdf.set_title(f"Latency at {value('offered_rate'):,.0f} events/s offered "
                  f"(sink batch age {setting['sink_batch_max_age_ms']} ms)", fontsize=10)
    cdf.legend(loc="upper left", fontsize=8)
    cdf.grid(True, which="both", alpha=0.3)

    # Throughput: what the collector acknowledged, what landed in ClickHouse, and Kafka alone.
    names = ["Sieve\n(all rows stored)", "Sieve collector\n(acknowledged)", "Kafka\npass-through"]
    rates = [value("sustained_throughput"), value("collector_acknowledged_throughput"),
             value("sustained_throughput", "kafka_pass_through")]
    drawn = bars.bar(names, rates, color=["tab:blue", "tab:cyan", "tab:orange"])
    bars.bar_label(drawn, labels=[f"{r:,.0f}" for r in rates], fontsize=8)
    bars.set_ylabel("events/s")
    bars.set_title(f"Sustained throughput, {int(float(setting['events'])):,} events", fontsize=10)
    bars.tick_params(axis="x", labelsize=8)

    # The burst's progress per stage: the gap between a stage and the next is where events wait.
    seconds = [float(r["seconds"]) for r in stages]
    *stage_columns, busy_column = list(stages[0].keys())[1:]
    for column in stage_columns:
        progress.plot(seconds, [100 * float(r[column]) for r in stages], label=column, linewidth=2)
    # The writer's busy share per sample swings between cycles (it polls and commits in between): average 1 s.
    busy = [100 * float(r[busy_column]) for r in stages]
    window = 4
    smooth = [sum(busy[max(0, i - window + 1):i + 1]) / len(busy[max(0, i - window + 1):i + 1])
              for i in range(len(busy))]
    progress.plot(seconds, smooth, color="grey", linewidth=1, linestyle="--",
                  label=f"{busy_column} (% of time, 1 s average)")
    progress.set_xlabel("seconds since the burst's first send")
    progress.set_ylabel("% of the burst done")
    progress.set_ylim(0, 102)
    progress.set_title("Throughput burst: progress of each stage", fontsize=10)
    progress.legend(loc="lower right", fontsize=8)
    progress.grid(True, alpha=0.3)

    fig.suptitle(f"Sieve end to end in one JVM on {setting['cores']} cores (other processes used "
                 f"{value('cpu_burst_other_processes'):.2f} cores during the burst), {setting['clickhouse']}, "
                 f"one in-process Kafka broker", fontsize=11)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv)
