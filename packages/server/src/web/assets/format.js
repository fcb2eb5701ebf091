// Number, time and DOM helpers shared by the dashboard's views, formatted in the UI language.
import { lang, locale } from './i18n.js';

/** @param {number|null|undefined} v @param {number} [digits] */
export function num(v, digits = 0) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return v.toLocaleString(locale(), { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** @param {number|null|undefined} v 0..1 */
export function pct(v) {
  return v === null || v === undefined ? '–' : `${num(v * 100, 1)} %`;
}

/** @param {number|null|undefined} v bytes */
export function bytes(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let x = v;
  while (x >= 1024 && i < units.length - 1) {
    x /= 1024;
    i++;
  }
  return `${num(x, i === 0 ? 0 : 1)} ${units[i]}`;
}

/** @param {string|number} iso */
export function dateTime(iso) {
  return new Date(iso).toLocaleString(locale(), { dateStyle: 'short', timeStyle: 'medium' });
}

/** @param {number} seconds */
export function duration(seconds) {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (lang() === 'ko') return h > 0 ? `${h}시간 ${m}분` : m > 0 ? `${m}분 ${s}초` : `${s}초`;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/**
 * Creates an element with text content only (never innerHTML: answers and URLs are data).
 * @param {string} tag @param {string|number|null} [text] @param {string} [className]
 */
export function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (className) e.className = className;
  return e;
}

/** Fetches JSON; a non-2xx answer throws with the server's error message. @param {string} url @param {RequestInit} [init] */
export async function fetchJson(url, init) {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? `${res.status} ${res.statusText}`);
  return body;
}
