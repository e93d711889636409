-- Starts a Direct Line conversation once, and indexes its keys under its user for erasure.
-- KEYS[1] meta hash, KEYS[2] log stream, KEYS[3] the user's index
-- ARGV[1] user id, ARGV[2] started (unix ms), ARGV[3] time-to-live in milliseconds
if redis.call('HSETNX', KEYS[1], 'user', ARGV[1]) == 0 then
  return 0
end
redis.call('HSET', KEYS[1], 'started', ARGV[2])
redis.call('SADD', KEYS[3], KEYS[1], KEYS[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[3], ARGV[3])
return 1
