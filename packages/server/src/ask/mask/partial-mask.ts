/**
 * What each type looks like when masked. Partial keeps what an operator needs to recognise a record
 * (the birth date and gender digit of a resident number, a phone's prefix and last four digits, the
 * start of an e-mail address, a card's last four, the family name) and hides the rest; full replaces
 * the whole value with a placeholder.
 */
import type { PiiType } from './mask-types.js';

export const PLACEHOLDERS: Record<'ko' | 'en', Record<PiiType, string>> = {
  ko: {
    rrn: '[주민등록번호]',
    mobile: '[휴대전화]',
    phone: '[전화번호]',
    email: '[이메일]',
    card: '[카드번호]',
    account: '[계좌번호]',
    name: '[이름]',
    ip: '[IP]',
  },
  en: {
    rrn: '[RRN]',
    mobile: '[MOBILE]',
    phone: '[PHONE]',
    email: '[EMAIL]',
    card: '[CARD]',
    account: '[ACCOUNT]',
    name: '[NAME]',
    ip: '[IP]',
  },
};

/** Masks digits by position among the digits only, keeping separators where they were. */
function maskDigits(value: string, keep: (index: number, count: number) => boolean): string {
  const count = value.replace(/\D/g, '').length;
  let i = 0;
  return value.replace(/\d/g, (d) => (keep(i++, count) ? d : '*'));
}

/** Leading digits that identify the network or area: "010", "+82 10", "02", "031", "+82 2". */
function prefixDigits(value: string): number {
  const digits = value.replace(/\D/g, '');
  const intl = value.trimStart().startsWith('+') || /^82-/.test(value) ? 2 : 0;
  const national = digits.slice(intl);
  const lead = national.startsWith('0') ? 1 : 0;
  const area = national.slice(lead).startsWith('2') ? 1 : 2;
  return intl + lead + area;
}

function maskName(name: string): string {
  if (/^[A-Za-z]/.test(name))
    return name.replace(/\b([A-Za-z])([a-z]*)/g, (_m, a: string, rest: string) => a + '*'.repeat(rest.length));
  const chars = [...name];
  if (chars.length <= 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

export function partialMask(type: PiiType, value: string): string {
  switch (type) {
    case 'rrn':
      return maskDigits(value, (i) => i < 7);
    case 'mobile':
    case 'phone': {
      const prefix = prefixDigits(value);
      return maskDigits(value, (i, n) => i < prefix || i >= n - 4);
    }
    case 'email': {
      const at = value.includes('@') ? value.lastIndexOf('@') : value.toUpperCase().lastIndexOf('%40');
      const local = value.slice(0, at);
      return `${local.slice(0, Math.min(4, Math.ceil(local.length / 2)))}***${value.slice(at)}`;
    }
    case 'card':
    case 'account':
      return maskDigits(value, (i, n) => i >= n - 4);
    case 'name':
      return maskName(value);
    case 'ip': {
      if (value.includes(':')) return `${value.split(':').slice(0, 2).join(':')}:****`;
      return value.replace(/\.\d+$/, '.***');
    }
  }
}
