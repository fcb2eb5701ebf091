/**
 * The offset of an IANA time zone from UTC at an instant, from Intl with no library. Calendar words
 * ("어제", "this month"), hour-of-week profiles and simulated office hours all need the zone's wall
 * clock; this is the one place that asks Intl for it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // Throws RangeError for a zone Intl does not know; callers validate names at their boundary.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when Intl knows the zone name (e.g. `Asia/Seoul`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock time minus UTC at `epoch`, in ms (32,400,000 for Asia/Seoul). */
export function zoneOffsetMs(timeZone: string, epoch: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(epoch));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(epoch / 1000) * 1000;
}

/** The same offset in whole minutes (540 for Asia/Seoul). */
export function zoneOffsetMinutes(timeZone: string, epoch: number): number {
  return Math.round(zoneOffsetMs(timeZone, epoch) / 60_000);
}
