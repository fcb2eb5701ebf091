/**
 * Compiles a configured log layout — Apache/Tomcat `LogFormat`/AccessLogValve directives (`%h %l %u
 * %t "%r" %s %b %D`, `%{Cookie}i`, `%{JSESSIONID}c`, `%S`, the named `common`/`combined`) or nginx
 * `log_format` variables (`$remote_addr … [$time_local] "$request" … $request_time`) — into a list of
 * literals and typed fields. Unknown directives become ignored fields, so any layout with a time and
 * a request compiles.
 */

export type FieldKind =
  | 'peer'
  | 'user'
  | 'time'
  | 'request'
  | 'method'
  | 'path'
  | 'query'
  | 'status'
  | 'bytes'
  | 'duration-us'
  | 'duration-ms'
  | 'duration-s'
  | 'duration-native'
  | 'user-agent'
  | 'cookie'
  | 'forwarded-for'
  | 'session'
  | 'cookie-session'
  | 'ignore';

export type Item = { lit: string } | { field: FieldKind; name: string };

function headerField(name: string): FieldKind {
  switch (name.toLowerCase()) {
    case 'user-agent':
      return 'user-agent';
    case 'cookie':
      return 'cookie';
    case 'x-forwarded-for':
      return 'forwarded-for';
    default:
      return 'ignore';
  }
}

/** Apache/Tomcat directive letter (with optional `{arg}`) → field. */
function percentField(letter: string, arg: string | undefined, sessionCookie: string): FieldKind {
  // With an argument most letters mean something else (`%{x}r` request attribute, `%{x}s` session
  // attribute, `%{format}t` custom time): only headers, cookies and %{unit}T are read.
  if (arg !== undefined && letter !== 'i' && letter !== 'c' && letter !== 'T') return 'ignore';
  switch (letter) {
    case 'h':
    case 'a':
      return letter === 'h' ? 'peer' : 'ignore';
    case 'u':
      return 'user';
    case 't':
      return 'time';
    case 'r':
      return 'request';
    case 'm':
      return 'method';
    case 'U':
      return 'path';
    case 'q':
      return 'query';
    case 's':
      return 'status';
    case 'b':
    case 'B':
      return 'bytes';
    case 'D':
      return 'duration-native';
    case 'T':
      return arg === 'ms' ? 'duration-ms' : arg === 'us' ? 'duration-us' : 'duration-s';
    case 'i':
      return arg === undefined ? 'ignore' : headerField(arg);
    case 'c':
      return arg === sessionCookie ? 'cookie-session' : 'ignore';
    case 'S':
      return 'session';
    default:
      return 'ignore';
  }
}

const NGINX_FIELDS: Record<string, FieldKind> = {
  remote_addr: 'peer',
  remote_user: 'user',
  time_local: 'time',
  request: 'request',
  request_method: 'method',
  uri: 'path',
  request_uri: 'path',
  args: 'query',
  status: 'status',
  body_bytes_sent: 'bytes',
  bytes_sent: 'bytes',
  request_time: 'duration-s',
  http_user_agent: 'user-agent',
  http_cookie: 'cookie',
  http_x_forwarded_for: 'forwarded-for',
};

/** Splits a pattern into literals and fields. Throws on a pattern no line could match. */
/** AccessLogValve's (and Apache's conventional) named patterns. */
const NAMED_PATTERNS: Record<string, string> = {
  common: '%h %l %u %t "%r" %s %b',
  combined: '%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-Agent}i"',
};

export function compileLogPattern(pattern: string, sessionCookie: string): Item[] {
  pattern = NAMED_PATTERNS[pattern.trim()] ?? pattern;
  const items: Item[] = [];
  let lit = '';
  const pushField = (field: FieldKind, name: string) => {
    if (lit !== '') items.push({ lit });
    else if (items.length > 0 && 'field' in items[items.length - 1]) {
      throw new Error(`fields '${(items[items.length - 1] as { name: string }).name}' and '${name}' have no separator`);
    }
    lit = '';
    items.push({ field, name });
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '%' && i + 1 < pattern.length) {
      let j = i + 1;
      if (pattern[j] === '%') {
        lit += '%';
        i = j;
        continue;
      }
      while (
        pattern[j] === '>' ||
        pattern[j] === '<' ||
        pattern[j] === '!' ||
        pattern[j] === ',' ||
        /\d/.test(pattern[j])
      )
        j++;
      let arg: string | undefined;
      if (pattern[j] === '{') {
        const end = pattern.indexOf('}', j);
        if (end < 0) throw new Error(`unterminated %{…} at column ${i + 1}`);
        arg = pattern.slice(j + 1, end);
        j = end + 1;
      }
      const letter = pattern[j];
      if (!letter) throw new Error('pattern ends inside a % directive');
      pushField(percentField(letter, arg, sessionCookie), `%${arg ? `{${arg}}` : ''}${letter}`);
      i = j;
    } else if (c === '$' && /[a-z_]/i.test(pattern[i + 1] ?? '')) {
      let j = i + 1;
      while (j < pattern.length && /[a-z0-9_]/i.test(pattern[j])) j++;
      const name = pattern.slice(i + 1, j);
      const kind =
        NGINX_FIELDS[name] ??
        (name === `cookie_${sessionCookie}`
          ? 'cookie-session'
          : name.startsWith('http_')
            ? headerField(name.slice(5).replace(/_/g, '-'))
            : 'ignore');
      pushField(kind, `$${name}`);
      i = j - 1;
    } else {
      lit += c;
    }
  }
  if (lit !== '') items.push({ lit });
  if (!items.some((it) => 'field' in it && it.field === 'time'))
    throw new Error('pattern has no time field (%t or $time_local)');
  if (!items.some((it) => 'field' in it && (it.field === 'request' || it.field === 'path'))) {
    throw new Error('pattern has no request field (%r, %U, $request or $request_uri)');
  }
  return items;
}
