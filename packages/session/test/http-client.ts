/** A tiny cookie-keeping HTTP client for the session end-to-end tests (one per simulated browser). */

export class Browser {
  cookie: string | undefined;

  constructor(private readonly cookieName = 'connect.sid') {}

  async request(
    url: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: Record<string, unknown>; setCookie: boolean }> {
    const headers = new Headers(init.headers);
    if (this.cookie) headers.set('cookie', this.cookie);
    const res = await fetch(url, { ...init, headers, signal: AbortSignal.timeout(30_000) });
    const set = res.headers.getSetCookie().find((c) => c.startsWith(`${this.cookieName}=`));
    if (set) {
      const pair = set.split(';')[0];
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: res.status, body, setCookie: set !== undefined };
  }

  /** Another browser holding the same cookie (a second tab or a replayed request). */
  clone(): Browser {
    const b = new Browser(this.cookieName);
    b.cookie = this.cookie;
    return b;
  }
}
