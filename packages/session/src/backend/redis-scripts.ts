/**
 * Lua scripts that make session writes atomic on the Redis primary. Each touches keys of one hash
 * slot only (see key-layout.ts), so they run unchanged on standalone, Sentinel and Cluster.
 */

/**
 * Sessions ended by versions before 2026-11-25 kept their tombstone in a separate `<key>:ended`
 * string; read only when a session is missing, and reported once.
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
 * Compare-and-set of a session's document: stored only if the stored document is still the version
 * the write was built on. One command in the common case: `SET … KEEPTTL GET` stores the new document
 * and returns the old one, whose head (`{"v":<n>,`) is compared with the expected head as a string (no
 * cjson, which would rewrite the session's numbers); on a mismatch, what was stored is put back (or the
 * key deleted when there was none) before the script returns, so no reader or writer ever sees it.
 * Lua is used because every command a script runs costs Redis several µs on top of the command itself
 * (Redis 7.0): one SET is the least a compare-and-set can run. A hash (a session of the previous layout)
 * fails the SET with WRONGTYPE: the caller then runs MIGRATE_SCRIPT.
 * KEYS: session. ARGV: expected head `{"v":<baseVersion>,`, doc, expiresAt (0: keep the key's TTL).
 * → {1} stored; {0} missing; {-1} ended (a tombstone); {2, doc} another version is stored.
 */
export const WRITE_SCRIPT = `
local cur = redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL', 'GET')
if cur and string.sub(cur, 1, #ARGV[1]) == ARGV[1] then
  if ARGV[3] ~= '0' then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
  return {1}
end
if not cur then
  redis.call('DEL', KEYS[1])
  return {0}
end
redis.call('SET', KEYS[1], cur, 'KEEPTTL')
if string.byte(cur, 6) == 45 then return {-1} end
return {2, cur}
`;

/**
 * WRITE_SCRIPT for a session still stored in the previous layout (a hash, legacy-layout.ts): its `_v`
 * is compared and the hash replaced by the document, keeping its TTL unless the write moves it.
 * KEYS: session. ARGV: baseVersion, doc, expiresAt, keepTtl ('1').
 * → {1} stored; {-1} ended (an in-hash tombstone); {2} the hash holds another version (read it);
 * {3} the key is no longer a hash (run WRITE_SCRIPT).
 */
export const MIGRATE_SCRIPT = `
if redis.call('TYPE', KEYS[1]).ok ~= 'hash' then return {3} end
local m = redis.call('HMGET', KEYS[1], '_v', '_x')
if m[2] or tonumber(m[1] or '0') < 0 then return {-1} end
if (m[1] or '0') ~= ARGV[1] then return {2} end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
if ARGV[4] == '1' and ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[2], 'PXAT', ARGV[3])
end
return {1}
`;

/**
 * Marks a tombstone as told (`{"v":-1,` → `{"v":-2,`), so an ended session is told why once.
 * KEYS: session. → 1 for the one caller that marked it, else 0.
 */
export const NOTIFY_SCRIPT = `
local cur = redis.call('GET', KEYS[1])
if not cur or string.sub(cur, 1, 8) ~= '{"v":-1,' then return 0 end
redis.call('SET', KEYS[1], '{"v":-2,' .. string.sub(cur, 9), 'KEEPTTL')
return 1
`;

/**
 * Replaces a session by its tombstone for tombstoneMs (a session in the previous layout's hash too).
 * A tombstone ended again stays one, with the new reason (existed 0).
 * KEYS: session. ARGV: tombstone doc, tombstoneMs.
 * → {0}; {1, doc} the ended session's document; {1, '', createdAt, userId} from a previous-layout hash.
 */
export const END_SCRIPT = `
local cur = redis.pcall('GET', KEYS[1])
local out = {0}
if type(cur) == 'table' then
  local m = redis.call('HMGET', KEYS[1], '_v', '_c', '_uid', '_x')
  if not m[4] and tonumber(m[1] or '0') >= 0 then out = {1, '', m[2] or '0', m[3] or ''} end
  redis.call('DEL', KEYS[1])
elseif cur and string.byte(cur, 6) ~= 45 then
  out = {1, cur}
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return out
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
