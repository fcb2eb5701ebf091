/**
 * Fast timestamp parsing for access logs. Lines arrive in time order, so consecutive lines share the
 * hour (and usually the second): the parser keeps the epoch of the last hour seen and only adds
 * minutes and seconds read from character codes, so `Date.UTC` runs about once an hour of log.
 */

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

function two(s: string, i: number): number {
  return digit(s, i) * 10 + digit(s, i + 1);
}

/** Parses Common Log Format time `10/Oct/2000:13:55:36 -0700` (brackets excluded). */
export class ClfTimestampParser {
  private hourKey = '';
  private zoneKey = '';
  private hourBase = NaN;

  /** Epoch milliseconds of the timestamp starting at `start` in `s`, or NaN when malformed. */
  parse(s: string, start: number): number {
    // dd/Mon/yyyy:HH:MM:SS +zzzz — 26 characters; fractional seconds are not part of CLF.
    if (s.length < start + 20) return NaN;
    const minutes = two(s, start + 15);
    const seconds = two(s, start + 18);
    if (!(minutes < 60 && seconds < 61) || s.charCodeAt(start + 14) !== 58 || s.charCodeAt(start + 17) !== 58) {
      return NaN;
    }
    const hasZone = s.charCodeAt(start + 20) === 32;
    if (
      s.startsWith(this.hourKey, start) &&
      this.hourKey !== '' &&
      (hasZone ? s.startsWith(this.zoneKey, start + 21) : this.zoneKey === '')
    ) {
      return this.hourBase + minutes * 60_000 + seconds * 1000;
    }
    const day = two(s, start);
    const month = MONTHS[s.slice(start + 3, start + 6)];
    const year = two(s, start + 7) * 100 + two(s, start + 9);
    const hour = two(s, start + 12);
    if (month === undefined || !(day >= 1 && day <= 31 && hour < 24 && year >= 1970)) return NaN;
    let offsetMin = 0;
    let zone = '';
    if (hasZone) {
      zone = s.slice(start + 21, start + 26);
      const sign = zone.charCodeAt(0) === 45 ? -1 : zone.charCodeAt(0) === 43 ? 1 : NaN;
      offsetMin = sign * (two(zone, 1) * 60 + two(zone, 3));
      if (Number.isNaN(offsetMin)) return NaN;
    }
    this.hourKey = s.slice(start, start + 14);
    this.zoneKey = zone;
    this.hourBase = Date.UTC(year, month, day, hour) - offsetMin * 60_000;
    return this.hourBase + minutes * 60_000 + seconds * 1000;
  }
}

/** Parses W3C extended `date` (`2018-01-01`) and `time` (`08:09:10`, optional `.fff`) fields, UTC. */
export class W3cTimestampParser {
  private dateKey = '';
  private dateBase = NaN;

  parse(date: string, time: string): number {
    if (date !== this.dateKey) {
      if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return NaN;
      const year = two(date, 0) * 100 + two(date, 2);
      const month = two(date, 5);
      const day = two(date, 8);
      if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return NaN;
      this.dateKey = date;
      this.dateBase = Date.UTC(year, month - 1, day);
    }
    const h = two(time, 0);
    const m = two(time, 3);
    const sec = two(time, 6);
    if (!(h < 24 && m < 60 && sec < 61) || time.charCodeAt(2) !== 58 || time.charCodeAt(5) !== 58) return NaN;
    let ms = 0;
    if (time.length > 9 && time.charCodeAt(8) === 46) ms = Math.round(Number(`0${time.slice(8)}`) * 1000) || 0;
    return this.dateBase + ((h * 60 + m) * 60 + sec) * 1000 + ms;
  }
}
