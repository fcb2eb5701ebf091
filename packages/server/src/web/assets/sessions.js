// The sessions view: logged-in users now or the longest sessions of the last 24 h, from the masked
// GET /api/v1/web/sessions; choosing a user lists their requests through the opaque `userRef` the
// server issued, so the page never holds an unmasked user id.
import { dateTime, duration, el, fetchJson, num } from './format.js';
import { onLangChange, t } from './i18n.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
let view = 'active';
let data = null;
let requests = null;

function renderSessions() {
  if (!data) return;
  $('sessions-status').textContent = t('s.summary', {
    users: num(data.loggedInUsers),
    anon: num(data.anonymousSessions),
    scanned: num(data.scanned),
  });
  const body = /** @type {HTMLTableElement} */ ($('sessions-table')).tBodies[0];
  if (data.sessions.length === 0) {
    const tr = el('tr');
    const td = el('td', t('s.none'));
    td.colSpan = 8;
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  body.replaceChildren(
    ...data.sessions.map((s) => {
      const tr = el('tr');
      const userCell = el('th');
      userCell.setAttribute('scope', 'row');
      if (s.userRef) {
        const b = el('button', s.user, 'link');
        b.type = 'button';
        b.setAttribute('aria-label', t('s.showRequests', { user: s.user }));
        b.addEventListener('click', () => void loadRequests(s.userRef, s.user));
        userCell.append(b);
      } else {
        userCell.textContent = s.user ?? '–';
      }
      tr.append(
        userCell,
        el('td', s.instance),
        el('td', s.clientIp ?? '–'),
        el('td', dateTime(s.firstSeen)),
        el('td', dateTime(s.lastSeen)),
        el('td', duration(s.durationSeconds), 'n'),
        el('td', num(s.transactions), 'n'),
        el('td', t(`state.${s.state}`)),
      );
      return tr;
    }),
  );
}

function renderRequests() {
  if (!requests) return;
  $('user-requests').hidden = false;
  $('user-requests-title').textContent = t('s.requestsOf', { user: requests.user });
  const body = /** @type {HTMLTableElement} */ ($('requests-table')).tBodies[0];
  body.replaceChildren(
    ...requests.requests.map((r) => {
      const tr = el('tr');
      tr.append(
        el('td', dateTime(r.time)),
        el('td', r.method),
        el('td', r.url, 'url'),
        el('td', r.status, 'n'),
        el('td', num(r.durationMs), 'n'),
        el('td', r.instance),
      );
      return tr;
    }),
  );
}

async function loadSessions() {
  try {
    data = await fetchJson(`/api/v1/web/sessions?view=${view}&limit=50`);
    renderSessions();
  } catch (e) {
    $('sessions-status').textContent = t('error', { message: e.message });
  }
}

async function loadRequests(ref, user) {
  try {
    requests = await fetchJson(`/api/v1/web/users/${encodeURIComponent(ref)}/requests?limit=200`);
    renderRequests();
    $('user-requests-title').setAttribute('tabindex', '-1');
    $('user-requests-title').focus();
  } catch (e) {
    $('sessions-status').textContent = t('error', { message: `${user}: ${e.message}` });
  }
}

export function initSessions() {
  for (const b of document.querySelectorAll('[data-sessions-view]')) {
    b.addEventListener('click', () => {
      view = b.getAttribute('data-sessions-view') ?? 'active';
      for (const o of document.querySelectorAll('[data-sessions-view]'))
        o.setAttribute('aria-pressed', String(o === b));
      void loadSessions();
    });
  }
  onLangChange(() => {
    renderSessions();
    renderRequests();
  });
}

export function showSessions() {
  void loadSessions();
}
