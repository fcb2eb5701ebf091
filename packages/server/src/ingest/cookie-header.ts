/**
 * Reads one cookie's value out of a `Cookie` request header as logged by web servers and agents.
 * IIS logs replace spaces with `+`, so `;+` separates cookies there as `; ` does elsewhere.
 */

/** The value of cookie `name`, or undefined when absent or empty. Names match case-sensitively. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header || header === '-') return undefined;
  let from = 0;
  for (;;) {
    const at: number = header.indexOf(name, from);
    if (at < 0) return undefined;
    const after = at + name.length;
    const before = at === 0 ? ';' : header[at - 1];
    if (header[after] === '=' && (before === ';' || before === ' ' || before === '+' || before === '"')) {
      let end = header.indexOf(';', after + 1);
      if (end < 0) end = header.length;
      let value = header.slice(after + 1, end).trim();
      if (value.endsWith('+')) value = value.slice(0, -1);
      if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
      return value === '' ? undefined : value;
    }
    from = after;
  }
}
