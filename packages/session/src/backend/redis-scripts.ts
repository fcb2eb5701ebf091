/**
 * Lua scripts that make session writes atomic on the Redis primary. Each touches keys of one hash
 * slot only (see key-layout.ts), so they run unchanged on standalone, Sentinel and Cluster.
 */

/**
 * Sessions written by versions before tombstones moved into the session hash kept them in a separate
 * `<key>:ended` string; read only when a session hash is missing, and reported once.
 * KEYS: ended. → tombstone json | false.
 */
export const LEGACY_ENDED_NOTICE_SCRIPT = `
local e = redis.call('GET', KEYS[1])
if not e then return false end
local t = cjson.decode(e)
if t.reason == 'logout' or t.notified then return false end
t.notified = true
redis.call('SET', KEYS[1], cjson.encode(t), 'KEEPTTL')
return e
`;

/**
 * `_v` of an ended session's hash: far below any version, so HINCRBY by a late write stays negative
 * and tells the writer the session is ended (see redis-backend.ts).
 */
export const TOMBSTONE_VERSION = '-1000000000000000';

/**
 * A write that changes who is logged in on an existing session: needs the previous user id read and
 * replaced atomically (the user index is kept by it). Other writes use plain commands.
 * KEYS: session. ARGV: now, baseVersion, expiresAt, userMode ('s' set, 'd' delete), userId, nWrites,
 * then stored-name/json pairs, then the stored names to delete.
 * → {-1} when ended; else {version, created, interleaved, previousUserId}.
 */
export const LOGIN_WRITE_SCRIPT = `
local m = redis.call('HMGET', KEYS[1], '_v', '_uid')
local v = tonumber(m[1] or '0')
if v < 0 then return {-1} end
local n = tonumber(ARGV[6])
local set = {'_v', v + 1, '_e', ARGV[3]}
local created = 0
if v == 0 then
  created = 1
  set[#set + 1] = '_c'
  set[#set + 1] = ARGV[1]
end
if ARGV[4] == 's' then
  set[#set + 1] = '_uid'
  set[#set + 1] = ARGV[5]
end
local i = 7
for _ = 1, n do
  set[#set + 1] = ARGV[i]
  set[#set + 1] = ARGV[i + 1]
  i = i + 2
end
redis.call('HSET', KEYS[1], unpack(set))
if i <= #ARGV or ARGV[4] == 'd' then
  local del = {}
  while i <= #ARGV do
    del[#del + 1] = ARGV[i]
    i = i + 1
  end
  if ARGV[4] == 'd' then del[#del + 1] = '_uid' end
  redis.call('HDEL', KEYS[1], unpack(del))
end
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
local interleaved = 0
if created == 0 and tostring(v) ~= ARGV[2] then interleaved = 1 end
return {v + 1, created, interleaved, m[2] or ''}
`;

/**
 * Replaces the session hash by its tombstone: `_v` = TOMBSTONE_VERSION and `_x` = JSON {reason, at},
 * for tombstoneMs. A tombstone ended again stays one (existed 0).
 * KEYS: session. ARGV: now, reason, tombstoneMs, TOMBSTONE_VERSION. → {existed, createdAt, userId}.
 */
export const END_SCRIPT = `
local m = redis.call('HMGET', KEYS[1], '_v', '_c', '_uid')
local existed = redis.call('DEL', KEYS[1])
if m[1] and tonumber(m[1]) < 0 then existed = 0 end
redis.call('HSET', KEYS[1], '_v', ARGV[4], '_x', cjson.encode({reason = ARGV[2], at = tonumber(ARGV[1])}))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {existed, m[2] or '0', m[3] or ''}
`;

/**
 * The duplicate-login policy, atomic on the user's index so two app servers logging the same user in
 * at the same moment cannot both pass \`reject-new\`.
 * KEYS: userIndex, userLogins. ARGV: now, sessionId, expiresAt, policy, maxSessions.
 * → {accepted, evicted...}.
 */
export const LOGIN_SCRIPT = `
local now = tonumber(ARGV[1])
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, sid in ipairs(gone) do
  redis.call('ZREM', KEYS[1], sid)
  redis.call('HDEL', KEYS[2], sid)
end
local function keepAlive()
  local top = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
  if #top == 2 then
    redis.call('PEXPIREAT', KEYS[1], top[2])
    redis.call('PEXPIREAT', KEYS[2], top[2])
  end
end
if redis.call('ZSCORE', KEYS[1], ARGV[2]) then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
  keepAlive()
  return {1}
end
local n = redis.call('ZCARD', KEYS[1])
local max = tonumber(ARGV[5])
if ARGV[4] == 'reject-new' and n >= max then return {0} end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[2], ARGV[1])
local out = {1}
if ARGV[4] == 'expire-oldest' and n + 1 > max then
  local logins = redis.call('HGETALL', KEYS[2])
  local others = {}
  for j = 1, #logins, 2 do
    if logins[j] ~= ARGV[2] then table.insert(others, {logins[j], tonumber(logins[j + 1])}) end
  end
  table.sort(others, function(a, b) return a[2] < b[2] end)
  for j = 1, math.min(n + 1 - max, #others) do
    local sid = others[j][1]
    redis.call('ZREM', KEYS[1], sid)
    redis.call('HDEL', KEYS[2], sid)
    table.insert(out, sid)
  end
end
keepAlive()
return out
`;

/** KEYS: active, activeCreated. ARGV: before, limit. → {sid, createdAt, sid, createdAt, ...}. */
export const POP_EXPIRED_SCRIPT = `
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, sid in ipairs(ids) do
  redis.call('ZREM', KEYS[1], sid)
  table.insert(out, sid)
  table.insert(out, redis.call('HGET', KEYS[2], sid) or '0')
  redis.call('HDEL', KEYS[2], sid)
end
return out
`;
