// Dashboard entry point: language (browser default, switchable), WAI-ARIA tabs (arrow keys, Home/End
// move between tabs; Tab goes into the panel) and the four views, each loaded when first shown.
import { initAsk } from './ask.js';
import { resizeWithin } from './charts.js';
import { initHistory, showHistory } from './history.js';
import { applyI18n, setLang } from './i18n.js';
import { redrawLive, startLive } from './live.js';
import { initSessions, showSessions } from './sessions.js';

const ON_SHOW = {
  'panel-live': redrawLive,
  'panel-history': showHistory,
  // No focus jump into the input: arrowing across tabs must not leave the tab list.
  'panel-ask': () => undefined,
  'panel-sessions': showSessions,
};

/** @param {HTMLElement} tab @param {boolean} focus */
function select(tab, focus) {
  for (const other of document.querySelectorAll('[role="tab"]')) {
    const on = other === tab;
    other.setAttribute('aria-selected', String(on));
    other.tabIndex = on ? 0 : -1;
    const panel = document.getElementById(other.getAttribute('aria-controls') ?? '');
    if (panel) panel.hidden = !on;
  }
  if (focus) tab.focus();
  const id = tab.getAttribute('aria-controls') ?? '';
  const panel = document.getElementById(id);
  if (panel) resizeWithin(panel);
  ON_SHOW[id]?.();
  history.replaceState(null, '', `#${id.replace('panel-', '')}`);
}

function initTabs() {
  const tabs = /** @type {HTMLElement[]} */ ([...document.querySelectorAll('[role="tab"]')]);
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab, false));
    tab.addEventListener('keydown', (e) => {
      const next = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select(tabs[(next + tabs.length) % tabs.length], true);
    });
  });
  const fromHash = tabs.find((t) => t.getAttribute('aria-controls') === `panel-${location.hash.slice(1)}`);
  if (fromHash) select(fromHash, false);
}

function initLang() {
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.addEventListener('click', () => setLang(/** @type {'ko'|'en'} */ (b.getAttribute('data-lang'))));
  }
}

applyI18n();
initLang();
initTabs();
initHistory();
initAsk();
initSessions();
void startLive();
