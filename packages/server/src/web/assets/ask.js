// The ask box: a question in Korean or English goes to POST /api/v1/ask; the answer, its table,
// its chart (an ECharts option built by the server), its evidence and caveats are shown. Example
// questions in the UI language fill and send the box. Answer text is set as text, never as HTML.
import { baseOption, chartOf, FONT } from './charts.js';
import { el, fetchJson, num } from './format.js';
import { lang, list, onLangChange, t } from './i18n.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function renderExamples() {
  const ul = $('ask-examples');
  ul.replaceChildren(
    ...list('ask.examplesList').map((q) => {
      const li = el('li');
      const b = el('button', q, 'example');
      b.type = 'button';
      b.addEventListener('click', () => {
        /** @type {HTMLInputElement} */ ($('ask-input')).value = q;
        void ask(q);
      });
      li.append(b);
      return li;
    }),
  );
}

/** @param {string|number|boolean|null} v */
function cell(v) {
  if (typeof v === 'number') return num(v, 2);
  if (v === null) return '–';
  return String(v);
}

function renderAnswer(a) {
  $('ask-answer').textContent = a.answer;
  $('ask-intent').textContent = t('ask.intent', { intent: a.intent, c: num(a.confidence, 2) });

  const table = /** @type {HTMLTableElement} */ ($('ask-table'));
  const cols = a.data?.columns ?? [];
  const rows = a.data?.rows ?? [];
  $('ask-table-wrap').hidden = cols.length === 0 || rows.length === 0;
  const headRow = el('tr');
  for (const c of cols) {
    const th = el('th', c, typeof rows[0]?.[c] === 'number' ? 'n' : undefined);
    th.setAttribute('scope', 'col');
    headRow.append(th);
  }
  table.tHead.replaceChildren(headRow);
  table.tBodies[0].replaceChildren(
    ...rows.slice(0, 2000).map((r) => {
      const tr = el('tr');
      for (const c of cols) tr.append(el('td', cell(r[c] ?? null), typeof r[c] === 'number' ? 'n' : undefined));
      return tr;
    }),
  );

  const box = $('ask-chart-box');
  box.hidden = !a.chart;
  if (a.chart) {
    const base = baseOption();
    const option = {
      ...a.chart,
      animation: false,
      textStyle: { ...(a.chart.textStyle ?? {}), fontFamily: FONT },
      color: a.chart.color ?? base.color,
    };
    const chart = chartOf($('ask-chart'));
    chart.resize();
    chart.setOption(option, { notMerge: true });
  }

  const links = $('ask-links');
  links.replaceChildren(
    ...(a.links ?? [])
      .filter((href) => typeof href === 'string' && href.startsWith('/'))
      .map((href) => {
        const link = el('a', href);
        link.setAttribute('href', href);
        return link;
      }),
  );

  $('ask-evidence-box').hidden = (a.evidence ?? []).length === 0;
  $('ask-evidence').replaceChildren(
    ...(a.evidence ?? []).map((e) => {
      const li = el('li');
      li.append(
        el('strong', e.description),
        el('span', ` — ${e.call} · ${e.range.from} → ${e.range.to} · ${num(e.rows)} rows`, 'hint'),
      );
      if (e.errorBand) li.append(el('span', ` · ±${num(e.errorBand * 100, 2)} %`, 'hint'));
      return li;
    }),
  );
  $('ask-caveats-box').hidden = (a.caveats ?? []).length === 0;
  $('ask-caveats').replaceChildren(...(a.caveats ?? []).map((c) => el('li', c)));
}

/** @param {string} question */
async function ask(question) {
  const result = $('ask-result');
  result.setAttribute('aria-busy', 'true');
  $('ask-answer').textContent = t('ask.thinking');
  try {
    const answer = await fetchJson('/api/v1/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      // The question's own language wins for Hangul; otherwise the UI language.
      body: JSON.stringify({ question, lang: /[\uac00-\ud7a3]/.test(question) ? 'ko' : lang() }),
    });
    renderAnswer(answer);
  } catch (e) {
    $('ask-answer').textContent = t('error', { message: e.message });
  } finally {
    result.setAttribute('aria-busy', 'false');
  }
}

export function initAsk() {
  renderExamples();
  onLangChange(renderExamples);
  $('ask-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const q = /** @type {HTMLInputElement} */ ($('ask-input')).value.trim();
    if (q) void ask(q);
  });
}
