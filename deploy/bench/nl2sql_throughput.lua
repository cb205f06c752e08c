-- wrk script of nl2sql_throughput.sh: POSTs /df/rest/gpt/chat bodies read from the file in BODIES (one JSON
-- document per line: a highway question and one of several conversations), round-robin, each thread from its own
-- offset; counts answers that are not success:true and prints them with the per-type counts at the end.
local bodies = {}
local threads = {}
local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("id", counter)
    table.insert(threads, thread)
end

function init(args)
    for line in io.lines(os.getenv("BODIES")) do
        table.insert(bodies, line)
    end
    next_body = (id * 7919) % #bodies
    failures, sql, assistant, err = 0, 0, 0, 0
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function request()
    next_body = next_body % #bodies + 1
    return wrk.format(nil, os.getenv("CHAT_PATH"), nil, bodies[next_body])
end

function response(status, headers, body)
    if status ~= 200 or not string.find(body, '"success":true', 1, true) then
        failures = failures + 1
    elseif string.find(body, '"type":"sql"', 1, true) then
        sql = sql + 1
    elseif string.find(body, '"type":"assistant"', 1, true) then
        assistant = assistant + 1
    else
        err = err + 1
    end
end

function done(summary, latency, requests)
    local f, s, a, e = 0, 0, 0, 0
    for _, t in ipairs(threads) do
        f = f + t:get("failures")
        s = s + t:get("sql")
        a = a + t:get("assistant")
        e = e + t:get("err")
    end
    io.write(string.format("ANSWERS sql=%d assistant=%d error=%d failed=%d\n", s, a, e, f))
    io.write(string.format("LATENCY p50=%.2f p90=%.2f p99=%.2f max=%.2f\n", latency:percentile(50) / 1000,
        latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
