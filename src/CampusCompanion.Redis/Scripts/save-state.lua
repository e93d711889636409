-- Compare-and-set of one turn's state: both documents, or neither.
-- KEYS[1] conversation hash, KEYS[2] user hash, KEYS[3] the user's index of personal keys
-- ARGV[1] expected conversation version ('' = must not exist yet), ARGV[2] expected user version,
-- ARGV[3] conversation JSON, ARGV[4] user JSON, ARGV[5] time-to-live in milliseconds
local conversation = redis.call('HGET', KEYS[1], 'v') or ''
local user = redis.call('HGET', KEYS[2], 'v') or ''
if conversation ~= ARGV[1] or user ~= ARGV[2] then
  return 0
end
redis.call('HSET', KEYS[1], 'v', (tonumber(conversation) or 0) + 1, 'd', ARGV[3])
redis.call('HSET', KEYS[2], 'v', (tonumber(user) or 0) + 1, 'd', ARGV[4])
redis.call('SADD', KEYS[3], KEYS[1], KEYS[2])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
redis.call('PEXPIRE', KEYS[2], ARGV[5])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return 1
