-- Appends activities to a conversation's log; the stream entry id is the activity's sequence number.
-- KEYS[1] log stream, KEYS[2] sequence counter, KEYS[3] meta hash
-- ARGV[1] time-to-live in milliseconds, ARGV[2] timestamp (unix ms), ARGV[3] news channel,
-- ARGV[4] conversation hash (the news), ARGV[5..n] activity JSON
if redis.call('EXISTS', KEYS[3]) == 0 then
  return redis.error_reply('NOCONVERSATION no such Direct Line conversation')
end
local first = false
for i = 5, #ARGV do
  local n = redis.call('INCR', KEYS[2])
  if not first then first = n end
  redis.call('XADD', KEYS[1], n .. '-1', 'a', ARGV[i], 't', ARGV[2])
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[3], ARGV[1])
redis.call('PUBLISH', ARGV[3], ARGV[4])
return first
