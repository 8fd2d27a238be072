"""Rows of bench/latency-results.md from bench/interleave.py's runs and LatencyProxy's flight log.

    python3 bench/latency_table.py single RTT RUNS.json FLIGHT_LOG LOAD    one precheck against one psql
    python3 bench/latency_table.py phases RTT RUNS.json FLIGHT_LOG         where one precheck's time goes
    python3 bench/latency_table.py fleet RTT RUNS.json ROUND_TRIPS LOAD    a fleet against the psql loop
    python3 bench/latency_table.py before RTT RUNS.json FLIGHT_LOG LOAD   this precheck against another build's (the
                                                                          runs' third command)

A run's connections are those whose first chunk the proxy read between the run's start and end. Its network wait
is, for each client flight the server answered, the time from the flight reaching the proxy to the answer leaving
it: the client can do nothing meanwhile. With the proxy's handshake model, the first flight's wait holds the TCP
handshake too. The rest of a run's wall time is the client's own (start-up, work between flights, the report).
"""
import json
import statistics
import sys


def chunks_by_connection(flight_log):
    connections = {}
    with open(flight_log) as f:
        for line in f:
            fields = line.split()
            values = dict(field.split("=") for field in fields if "=" in field)
            connections.setdefault(values["conn"], []).append(
                (int(values["read"]), int(values["sent"]), fields[1] == "c>s"))
    return [sorted(chunks) for chunks in connections.values()]


def network_wait_ms(chunks):
    wait, asked = 0, None
    for read, sent, from_client in chunks:
        if from_client:
            asked = asked if asked is not None else read
        elif asked is not None:
            wait += sent - asked
            asked = None
    return wait / 1000


def with_flights(runs, connections):
    """Each run with its network wait, and when its first and last bytes reached the proxy (ms from its start)."""
    for run in runs:
        mine = [c for c in connections if run["start"] <= c[0][0] <= run["end"]]
        run["wait"] = sum(network_wait_ms(c) for c in mine)
        if mine:
            run["first"] = (min(c[0][0] for c in mine) - run["start"]) / 1000
            run["last"] = (run["end"] - max(c[-1][0] for c in mine)) / 1000
    return runs


def median(runs, key):
    return statistics.median(r[key] for r in runs)


def wall(runs):
    sd = statistics.stdev(r["wall"] for r in runs) if len(runs) > 1 else 0
    return f"{median(runs, 'wall'):.0f} ± {sd:.0f}"


def main(kind, rtt, runs_file, extra, load=""):
    with open(runs_file) as f:
        uc, other, *before = json.load(f).values()
    if kind == "fleet":
        print(f"| {rtt} | {load} | {uc[0]['wall'] / 1000:.2f} | {other[0]['wall'] / 1000:.2f} | "
              f"{other[0]['wall'] / uc[0]['wall']:.1f}x | {extra} |")
        return
    connections = chunks_by_connection(extra)
    uc, other = with_flights(uc, connections), with_flights(other, connections)
    if kind == "before":
        then = with_flights(before[0], connections)
        print(f"| {rtt} | {load} | {wall(uc)} | {median(uc, 'wait'):.0f} | {median(uc, 'last'):.0f} | "
              f"{median(uc, 'cpu'):.0f} | {wall(then)} | {median(then, 'wait'):.0f} | {median(then, 'last'):.0f} | "
              f"{median(then, 'cpu'):.0f} | {median(then, 'wall') - median(uc, 'wall'):.0f} |")
    elif kind == "single":
        print(f"| {rtt} | {load} | {wall(uc)} | {median(uc, 'wait'):.0f} | {median(uc, 'cpu'):.0f} | {wall(other)} | "
              f"{median(other, 'wait'):.0f} | {median(uc, 'wall') / median(other, 'wall'):.2f} |")
    else:
        between = [r["wall"] - r["first"] - r["wait"] - r["last"] for r in uc]
        print(f"| {rtt} | {median(uc, 'wall'):.0f} | {median(uc, 'first'):.0f} | {median(uc, 'wait'):.0f} | "
              f"{statistics.median(between):.0f} | {median(uc, 'last'):.0f} |")


if __name__ == "__main__":
    main(*sys.argv[1:])
