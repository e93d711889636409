-- Erases every key in a user's index, and the index itself, in one step.
-- KEYS[1] the user's index
local keys = redis.call('SMEMBERS', KEYS[1])
for _, key in ipairs(keys) do
  redis.call('DEL', key)
end
redis.call('DEL', KEYS[1])
return #keys
