#!/usr/bin/env python3
"""One-connection latency probe: times each request itself, with no correction for coordinated omission (wrk's
percentiles add the samples a constant-rate client would have seen, so a rare stall weighs many times). Run by
bench/run.sh as a hook once the gateway is warm:

    BENCH_HOOK="python3 bench/probe.py 20" BENCH_PATHS=plain BENCH_CONNS=1 bash bench/run.sh

Prints the per-request p50 / p90 / p99 / p99.9 / max, the requests over 5 ms, and the same percentiles of the gateway's
own x-switchboard-overhead-ms header. Uses GW, KEY and GW_BODY from bench/run.sh; the argument is the seconds to run.
"""
import http.client
import os
import socket
import sys
import time


def percentiles(values):
    values = sorted(values)
    n = len(values)
    return "p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.2f" % (
        values[n // 2], values[int(n * .9)], values[int(n * .99)], values[int(n * .999)], values[-1])


def main():
    url, key, body = os.environ["GW"], os.environ["KEY"], os.environ["GW_BODY"].encode()
    hostport, path = url.split("//", 1)[1].split("/", 1)
    host, port = hostport.split(":")
    connection = http.client.HTTPConnection(host, int(port))
    connection.connect()
    connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    headers = {"Content-Type": "application/json", "Authorization": "Bearer " + key}
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 15
    latencies, overheads, slow = [], [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.perf_counter()
        connection.request("POST", "/" + path, body, headers)
        response = connection.getresponse()
        response.read()
        ms = (time.perf_counter() - start) * 1000
        latencies.append(ms)
        slow += ms > 5
        overhead = response.getheader("x-switchboard-overhead-ms")
        if overhead:
            overheads.append(float(overhead))
    print("n %d %s; over 5 ms: %d" % (len(latencies), percentiles(latencies), slow))
    if overheads:
        print("overhead header " + percentiles(overheads))


if __name__ == "__main__":
    main()
