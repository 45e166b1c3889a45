-- wrk script for bench/load.py: POST /v1/ask with question bodies read from a file (one JSON body a
-- line, written by load.py from eval/dev.jsonl); each wrk thread starts at a different question.
-- done() prints one JSON line with the counts and latency percentiles (microseconds) for load.py.

local bodies = {}
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  for line in io.lines(args[1]) do
    bodies[#bodies + 1] = line
  end
  counter = ((id or 1) * 37) % #bodies
end

function request()
  counter = counter % #bodies + 1
  return wrk.format("POST", "/v1/ask", { ["Content-Type"] = "application/json" }, bodies[counter])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p90": %d, "p99": %d, ' ..
    '"max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
