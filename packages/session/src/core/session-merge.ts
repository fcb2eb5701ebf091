/**
 * Three-way merge by top-level field, for a write that met a newer version of its session (another
 * request wrote in between): the fields this request changed against the base it read are applied to
 * the stored session, and every other field keeps what is stored. So a slow request that only changed
 * `cart` cannot restore a `userId` a parallel logout removed, and two requests that changed different
 * fields both land.
 */
import { BASE_FIELD, ENDED_FIELD } from './session-record.js';
import type { SessionData } from './session-record.js';

/** `theirs` (the stored session) with the fields `mine` changed against `base` set or removed. */
export function mergeSession(base: SessionData, mine: object, theirs: SessionData): SessionData {
  const out: SessionData = { ...theirs };
  const own = mine as SessionData;
  for (const k of Object.keys(own)) {
    if (k === BASE_FIELD || k === ENDED_FIELD) continue;
    const json = JSON.stringify(own[k]);
    if (json === JSON.stringify(base[k])) continue;
    if (json === undefined) delete out[k];
    else out[k] = own[k];
  }
  for (const k of Object.keys(base)) if (!(k in own)) delete out[k];
  return out;
}
