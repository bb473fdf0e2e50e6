-- wrk script of bench/postgres.ts: every request is a new meal booking by a different (member, date)
-- pair, as in the autocannon runs. Arguments (after --): members, stations, first slot, step, dates
-- (comma separated), threads. Thread j of this wrk books slots first + step * (j + threads * i).
local members, stations, first, step, threads
local dates = {}
local counter = 0
local made = 0

function setup(thread)
  thread:set("index", made)
  made = made + 1
end

function init(args)
  members, stations, first, step, threads = tonumber(args[1]), tonumber(args[2]), tonumber(args[3]), tonumber(args[4]), tonumber(args[6])
  for d in string.gmatch(args[5], "[^,]+") do dates[#dates + 1] = d end
end

function request()
  local slot = first + step * (index + threads * counter)
  counter = counter + 1
  local date = dates[math.floor(slot / members) + 1] or dates[#dates]
  local body = '{"service":"meal","stationId":"st_bench' .. (slot % stations) .. '","date":"' .. date .. '"}'
  return wrk.format("POST", "/api/bookings", { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer bench-tok-" .. (slot % members) }, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"non2xx":%d,"errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
