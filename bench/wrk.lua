-- wrk script for bench/run.py.
--
-- Counts responses that are not 2xx (wrk itself counts only 4xx/5xx) and, when done,
-- prints one line "BENCH_JSON {...}" with requests, errors and latency percentiles
-- (microseconds). With paths after "--" (wrk ... -- /a/ /b/), each connection cycles
-- through them: the mixed load.

local threads = {}
paths = {}
index = 0
non2xx = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for _, path in ipairs(args) do
    table.insert(paths, path)
  end
  if #paths > 0 then
    index = math.random(#paths) - 1
    request = function()
      index = index % #paths + 1
      return wrk.format("GET", paths[index])
    end
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, "status_errors": %d, '
      .. '"non2xx": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"mean_us": %.1f}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read,
    errors.write, errors.timeout, errors.status, bad, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, latency.mean
  ))
end
