/**
 * Local calendar of the simulated users: hour of day, weekday and month position in a configured
 * time zone. Time-zone offsets are looked up once per hour and cached, so the hot path is arithmetic.
 */
import { zoneOffsetMs } from '../time/zone-offset.js';

export interface LocalTime {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
  /** Fractional hour of day, 0 ≤ h < 24. */
  hour: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  daysInMonth: number;
  /** Local midnight of this day, epoch ms. */
  dayStart: number;
}

const HOUR_MS = 3_600_000;

export class Calendar {
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {
    // Fail at construction, not deep inside history generation, when the zone is unknown.
    zoneOffsetMs(timeZone, 0);
  }

  /** Offset of local time from UTC in ms at t (cached per UTC hour). */
  offsetMs(t: number): number {
    const hourKey = Math.floor(t / HOUR_MS);
    let offset = this.offsets.get(hourKey);
    if (offset === undefined) {
      offset = zoneOffsetMs(this.timeZone, hourKey * HOUR_MS);
      this.offsets.set(hourKey, offset);
    }
    return offset;
  }

  local(t: number): LocalTime {
    const offset = this.offsetMs(t);
    const d = new Date(t + offset);
    const year = d.getUTCFullYear();
    const month = d.getUTCMonth() + 1;
    const dayStartShifted = Date.UTC(year, month - 1, d.getUTCDate());
    return {
      year,
      month,
      day: d.getUTCDate(),
      hour: (t + offset - dayStartShifted) / HOUR_MS,
      weekday: d.getUTCDay(),
      daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
      dayStart: dayStartShifted - offset,
    };
  }

  isWeekend(t: number): boolean {
    const w = this.local(t).weekday;
    return w === 0 || w === 6;
  }
}
