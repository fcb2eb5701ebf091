/**
 * Masking of the strings a report carries out of the system (it is mailed and printed): everything
 * that came from the data goes through the PII masker, IP addresses included; user keys are personal
 * by definition, so one the masker finds nothing in is still shortened to its first characters.
 */
import { maskText } from '../../ask/mask/index.js';

export function maskReportText(s: string): string {
  return maskText(s, { ip: true }).text;
}

/** A user key (login id, `ip:<address>`): PII masked, else its first two characters and asterisks. */
export function maskUserKey(key: string): string {
  const masked = maskReportText(key);
  if (masked !== key) return masked;
  const visible = key.startsWith('ip:') ? 5 : 2;
  return key.length <= visible
    ? '*'.repeat(key.length)
    : `${key.slice(0, visible)}${'*'.repeat(Math.min(8, key.length - visible))}`;
}
