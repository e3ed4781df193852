-- wrk script for scripts/bench-booking.sh. Each request posts the booking form for the next line of the plan the
-- bench server wrote (a signed-in citizen's session, an item, a slot), as the check-answers page does without
-- JavaScript, and counts the posts that were booked (redirected to /bookings/{code}).
local lines = {}
for line in io.lines(os.getenv("PALM_BENCH_PLAN")) do lines[#lines + 1] = line end
table.remove(lines, 1) -- the server's address

local threads = {}
local started = 0

function setup(thread)
  thread:set("id", started)
  started = started + 1
  table.insert(threads, thread)
end

function init(args)
  step = tonumber(os.getenv("PALM_BENCH_THREADS"))
  at = id + 1
  booked, refused, other = 0, 0, 0
end

function request()
  local i = at
  at = at + step
  if i > #lines then i = (i - 1) % #lines + 1 end -- past the plan: the same citizen again, and refused
  local token, item, slot = lines[i]:match("([^\t]+)\t([^\t]+)\t([^\t]+)")
  return wrk.format("POST", "/api/book_slot", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "text/html",
    ["Cookie"] = "palm_session=" .. token,
  }, "item=" .. item .. "&point=530127&slot=" .. slot .. "&my_name=%E5%BC%A0%E4%B8%89")
end

function response(status, headers, body)
  local location = headers["location"] or headers["Location"] or ""
  if location:sub(1, 10) == "/bookings/" then
    booked = booked + 1
  elseif status == 302 then
    refused = refused + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local b, r, o = 0, 0, 0
  for _, t in ipairs(threads) do
    b, r, o = b + t:get("booked"), r + t:get("refused"), o + t:get("other")
  end
  local secs = summary.duration / 1e6
  io.write(string.format("wrk: %d booked, %d refused, %d other (errors: %d) in %.1f s = %.0f bookings/s; p50 %.1f ms, p99 %.1f ms\n",
    b, r, o, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    secs, b / secs, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
