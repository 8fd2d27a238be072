"""Times commands side by side: one run of each per round, so that a machine whose load moves (other builds, other
tests) weighs on all of them alike, which timing one command's runs after the other's does not.

    python3 bench/interleave.py RUNS WARMUP OUT.json NAME COMMAND [NAME COMMAND ...]

COMMAND is split like a shell word list (no shell runs it); its output is discarded. Every other round runs the
commands in reverse order. OUT.json maps each NAME to its runs: start and end (microseconds since the epoch, to lay
beside LatencyProxy's flight log), wall and CPU (user + system, from the kernel's accounting of the child) in ms.
"""
import json
import os
import shlex
import subprocess
import sys
import time


def timed(argv):
    start = time.time_ns() // 1000
    t0 = time.perf_counter()
    child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    wall = (time.perf_counter() - t0) * 1000
    return {"start": start, "end": time.time_ns() // 1000, "wall": wall,
            "cpu": (usage.ru_utime + usage.ru_stime) * 1000}


def main(args):
    runs, warmup, out = int(args[0]), int(args[1]), args[2]
    commands = [(args[i], shlex.split(args[i + 1])) for i in range(3, len(args), 2)]
    results = {name: [] for name, _ in commands}
    for round_no in range(warmup + runs):
        for name, argv in (commands if round_no % 2 == 0 else commands[::-1]):
            run = timed(argv)
            if round_no >= warmup:
                results[name].append(run)
    with open(out, "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main(sys.argv[1:])
