/**
 * Hours and parts of a day: "오후 3시", "15시 30분", "14:00", "3pm", "오전", "새벽", "this morning",
 * and hour spans ("오후 3시부터 5시까지", "2pm to 4pm", "14:00~16:00"). A bare "3시" with no 오전/오후
 * is read as 15:00 for 1-7 o'clock: operators say "새벽 3시" when they mean the night.
 */

export interface TimeOfDay {
  start: number;
  end: number;
  /** Minutes after midnight, half-open [fromMin, toMin). */
  fromMin: number;
  toMin: number;
  echo: string;
}

const PARTS: Record<string, readonly [number, number]> = {
  오전: [0, 12],
  오후: [12, 24],
  새벽: [0, 6],
  아침: [6, 12],
  점심: [11, 14],
  낮: [12, 18],
  저녁: [18, 24],
  밤: [20, 24],
  morning: [6, 12],
  afternoon: [12, 18],
  evening: [18, 24],
  tonight: [18, 24],
  night: [20, 24],
};

function hour24(h: number, marker: string | undefined): number {
  if (marker === undefined) return h >= 1 && h <= 7 ? h + 12 : h;
  if (/^(오후|저녁|밤|낮|pm|p\.m\.)$/.test(marker)) return h < 12 ? h + 12 : h;
  if (/^(오전|새벽|아침|am|a\.m\.)$/.test(marker) && h === 12) return 0;
  return h;
}

const KO_HOUR = /(오전|오후|새벽|아침|저녁|밤|낮)?\s*(\d{1,2})\s*시(?!간)(?:\s*(\d{1,2})\s*분|\s*(반))?/g;
const CLOCK = /(?<![\d:])(\d{1,2}):(\d{2})(?![\d:])/g;
const EN_HOUR = /\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)/g;
const PART = /(오전|오후|새벽|아침|점심|저녁|(?<![가-힣])밤|(?:this |in the )?(?:morning|afternoon|evening)|tonight)/g;

interface Point {
  start: number;
  end: number;
  min: number;
  marker?: string;
  echo: string;
}

function points(text: string): { hours: Point[]; claimed: boolean[] } {
  const claimed = new Array<boolean>(text.length).fill(false);
  const hours: Point[] = [];
  const take = (m: RegExpExecArray, min: number, marker?: string): void => {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    const end = m.index + m[0].length;
    if (claimed.slice(start, end).some(Boolean) || min < 0 || min >= 24 * 60) return;
    claimed.fill(true, start, end);
    hours.push({ start, end, min, marker, echo: text.slice(start, end) });
  };
  for (const m of text.matchAll(KO_HOUR)) {
    const minute = m[4] ? 30 : Number(m[3] ?? 0);
    take(m as RegExpExecArray, hour24(Number(m[2]), m[1]) * 60 + minute, m[1]);
  }
  for (const m of text.matchAll(CLOCK)) take(m as RegExpExecArray, Number(m[1]) * 60 + Number(m[2]), 'clock');
  for (const m of text.matchAll(EN_HOUR))
    take(m as RegExpExecArray, hour24(Number(m[1]), m[3]) * 60 + Number(m[2] ?? 0), m[3]);
  return { hours: hours.sort((a, b) => a.start - b.start), claimed };
}

/** Hours, hour spans and parts of a day, in text order. A single hour covers that whole hour. */
export function timeOfDayMentions(text: string): TimeOfDay[] {
  const { hours, claimed } = points(text);
  const out: TimeOfDay[] = [];
  for (let i = 0; i < hours.length; i++) {
    const a = hours[i];
    const b = hours[i + 1];
    const joint = b ? text.slice(a.end, b.start) : '';
    if (b && /^\s*(부터|에서|~|-|to|and|until|till)\s*$/.test(joint)) {
      // "오후 3시부터 5시" — the second hour inherits the first one's 오후.
      let toMin = b.marker ? b.min : hour24(Math.floor(b.min / 60) % 12 || 12, a.marker) * 60 + (b.min % 60);
      if (toMin <= a.min) toMin = b.min;
      const tail = /^\s*(까지|사이)/.exec(text.slice(b.end));
      const end = b.end + (tail ? tail[0].length : 0);
      out.push({ start: a.start, end, fromMin: a.min, toMin, echo: text.slice(a.start, end) });
      i++;
      continue;
    }
    out.push({ start: a.start, end: a.end, fromMin: a.min, toMin: Math.min(a.min + 60, 24 * 60), echo: a.echo });
  }
  for (const m of text.matchAll(PART)) {
    if (claimed.slice(m.index, m.index + m[0].length).some(Boolean)) continue;
    const key = m[0].replace(/^(this|in the) /, '');
    const part = PARTS[key];
    if (part)
      out.push({ start: m.index, end: m.index + m[0].length, fromMin: part[0] * 60, toMin: part[1] * 60, echo: m[0] });
  }
  return out.sort((a, b) => a.start - b.start);
}
