-- wrk: POST the JSON body in $BODY with the key in $KEY (if any) and the extra headers in $HEADERS (if any:
-- "Name: value|Name: value"); counts non-2xx answers as errors.
wrk.method = "POST"
wrk.body = os.getenv("BODY")
wrk.headers["Content-Type"] = "application/json"
local key = os.getenv("KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end
for name, value in string.gmatch(os.getenv("HEADERS") or "", "([^:|]+):%s*([^|]+)") do
  wrk.headers[name] = value
end
local non2xx = 0
function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if non2xx == 1 then io.stderr:write("first non-2xx answer: " .. status .. " " .. body .. "\n") end
  end
end
