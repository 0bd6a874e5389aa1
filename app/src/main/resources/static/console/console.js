// The operations console: every figure and every action goes through /api/v1 with the user's own bearer token, so
// the console can do exactly what a script with that token can, and the service masks what the token may not see.
// No HTML is built from strings: text from the service goes into the page as text (see el()).

const TOKEN_KEY = 'pnhub.console.token';
const view = document.getElementById('view');
const flash = document.getElementById('flash');
let timers = [];

// ---------------------------------------------------------------- helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const svgNs = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
}

function say(message, error = false) {
  flash.textContent = message || '';
  flash.className = error ? 'error' : '';
}

function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(undefined, { hour12: false });
}

function num(n) {
  return el('td', { class: 'num' }, n ?? '');
}

function badge(text, kind = '') {
  return el('span', { class: 'badge ' + kind }, text);
}

/** One refresh later; a page that still wants refreshing asks again when it renders (so refreshes never pile up). */
function later(ms, fn) {
  timers.push(setTimeout(fn, ms));
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY);
}

/** The token's claims, for showing who is signed in; the service checks the token, the console only reads it. */
function claims() {
  try {
    const part = token().split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(part))));
  } catch (e) {
    return {};
  }
}

function roles() {
  const c = claims();
  const found = c.roles || c.realm_access?.roles || c.scope?.split(' ') || [];
  return Array.isArray(found) ? found.map(r => String(r).toLowerCase()) : [];
}

function has(role) {
  const r = roles();
  const implied = { viewer: ['viewer', 'auditor', 'operator', 'admin'], operator: ['operator', 'admin'],
    admin: ['admin'], auditor: ['auditor'] };
  return (implied[role] || [role]).some(x => r.includes(x));
}

class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

async function api(method, path, body) {
  const headers = { Authorization: 'Bearer ' + token(), Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = text;
  }
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    location.hash = '#/login';
    throw new ApiError(401, 'the token was refused or has expired: sign in again');
  }
  if (!response.ok) {
    const detail = data && typeof data === 'object' ? (data.detail || data.title || data.ResultMsg) : data;
    throw new ApiError(response.status, `${method} ${path}: ${response.status} ${detail || ''}`.trim());
  }
  return data;
}

/** Puts a page into the view; a section a page leaves out (null, false) is simply not there. */
function show(...nodes) {
  view.replaceChildren(...nodes.flat().filter(n => n !== null && n !== undefined && n !== false));
}

/** Renders a failed section as its message instead of leaving a page half-drawn. */
function failure(e) {
  const forbidden = e.status === 403 ? ' (your token\'s roles do not include the one this needs)' : '';
  return el('p', { class: 'badge bad' }, e.message + forbidden);
}

// ---------------------------------------------------------------- pages

const pages = {
  login, pool, numbers, number, providers, reconciliation, messages, projections,
};

async function route() {
  timers.forEach(clearTimeout);
  timers = [];
  const [path, query] = location.hash.replace(/^#\/?/, '').split('?');
  const [page, ...rest] = path.split('/');
  const name = token() ? (pages[page] ? page : 'pool') : 'login';
  document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.page === name
      || (name === 'number' && a.dataset.page === 'numbers')));
  renderWho();
  show(el('p', { class: 'muted' }, 'Loading…'));
  try {
    await pages[name](new URLSearchParams(query || ''), ...rest.map(decodeURIComponent));
  } catch (e) {
    show(failure(e));
  }
}

function renderWho() {
  const who = document.getElementById('who');
  if (!token()) {
    who.replaceChildren();
    return;
  }
  who.replaceChildren(`${claims().sub || '?'} · ${roles().join(', ') || 'no roles'}`,
      el('button', { class: 'secondary', id: 'sign-out', onclick: () => {
        sessionStorage.removeItem(TOKEN_KEY);
        say('signed out');
        location.hash = '#/login';
      } }, 'Sign out'));
}

async function login() {
  const area = el('textarea', { class: 'token', id: 'token', placeholder: 'eyJ…', autocomplete: 'off', spellcheck: 'false' });
  const form = el('form', { onsubmit: async ev => {
    ev.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, area.value.trim());
    try {
      await api('GET', '/api/v1/pool/summary');
      say(`signed in as ${claims().sub}`);
      location.hash = '#/pool';
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      say(e.message, true);
    }
  } }, el('p', {}, 'Paste a bearer token of the identity provider. With the Run command\'s embedded defaults, each start '
      + 'writes one per role: ', el('code', {}, 'cat data/local-tokens/operator'), '.'), area, el('p', {},
      el('button', { type: 'submit', id: 'sign-in' }, 'Sign in')));
  show(el('h1', {}, 'Sign in'), el('div', { class: 'panel' }, form),
      el('p', { class: 'muted' }, 'The token stays in this tab only (session storage) and is sent to /api/v1 with each request.'));
}

// ---- pool

const COUNTS = [['free', 'free'], ['quarantined', 'quarantined'], ['assigned', 'assigned'], ['bound', 'bound'],
  ['faultBound', 'fault'], ['locked', 'locked'], ['disabled', 'disabled'], ['total', 'total']];
const SERIES = [['free', '#1e7b34'], ['assigned', '#1f5fbf'], ['bound', '#7b3fb3'], ['faultBound', '#b3261e'],
  ['quarantined', '#b35c00']];

async function pool() {
  const summary = await api('GET', '/api/v1/pool/summary');
  const rows = [];
  for (const p of summary.platforms) {
    rows.push(poolRow(`${p.platform} ${p.platformName}`, 'all pools', p.counts, p.warning, 'platform'));
    for (const q of p.pools) rows.push(poolRow('', q.poolId, q.counts, q.warning, 'pool'));
  }
  const low = summary.platforms.flatMap(p => [p.warning ? p : null, ...p.pools.filter(q => q.warning)]).filter(Boolean);
  show(el('h1', {}, 'Pool'),
      el('p', { class: 'muted' }, `computed ${time(summary.computedAt)}; a pool is low below ${summary.lowFreeCount} `
          + `allocatable numbers or ${Math.round(summary.lowFreeRatio * 100)} % of its numbers`),
      low.length ? el('p', {}, badge(`${low.length} low`, 'warn'), ' highlighted below') : null,
      el('table', { id: 'pool-table' }, el('thead', {}, el('tr', {}, el('th', {}, 'platform'), el('th', {}, 'pool'),
          COUNTS.map(([, label]) => el('th', { class: 'num' }, label)), el('th', {}, ''))), el('tbody', {}, rows)),
      el('h2', {}, 'The last day'), el('div', { id: 'pool-history' }, el('p', { class: 'muted' }, 'Loading…')));
  const box = document.getElementById('pool-history');
  try {
    const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
    const history = await api('GET', '/api/v1/pool/history?since=' + encodeURIComponent(since));
    box.replaceChildren(poolCharts(summary, history));
  } catch (e) {
    box.replaceChildren(failure(e));
  }
}

function poolRow(platform, pool, counts, warning, kind) {
  return el('tr', { class: (warning ? 'warning ' : '') + kind }, el('td', {}, platform), el('td', {}, pool),
      COUNTS.map(([k]) => num(counts[k])), el('td', {}, warning ? badge('low pool', 'warn') : ''));
}

function poolCharts(summary, history) {
  // the lines end with the counts of this moment, so one sample already makes a line
  const now = summary.platforms.flatMap(p => p.pools.map(q => ({ at: summary.computedAt, platform: p.platform, ...q.counts })));
  const samples = [...(history.samples || []), ...now];
  if (!history.samples?.length) return el('p', { class: 'muted' }, 'no samples yet: the first is taken within '
      + `${history.interval || 'an interval'} of the start`);
  const charts = summary.platforms.map(p => {
    // a platform's line is the sum of its pools at each sample time
    const byTime = new Map();
    for (const s of samples.filter(s => s.platform === p.platform)) {
      const at = byTime.get(s.at) || {};
      for (const [k] of SERIES) at[k] = (at[k] || 0) + (s[k] ?? s.counts?.[k] ?? 0);
      byTime.set(s.at, at);
    }
    return lineChart(`${p.platform} ${p.platformName}`, [...byTime.entries()].sort(([a], [b]) => Date.parse(a) - Date.parse(b)));
  });
  return el('div', {}, el('p', { class: 'legend' }, SERIES.map(([k, color]) => {
    const swatch = el('i');
    swatch.style.background = color;
    return el('span', {}, swatch, k);
  }), el('span', { class: 'muted' }, `one sample every ${history.interval || '?'}`)), el('div', { class: 'charts' }, charts));
}

function lineChart(title, points) {
  const w = 360, h = 160, left = 36, bottom = 20, top = 18;
  const times = points.map(([t]) => Date.parse(t));
  const t0 = Math.min(...times), t1 = Math.max(...times, t0 + 1);
  const max = Math.max(1, ...points.flatMap(([, v]) => SERIES.map(([k]) => v[k] || 0)));
  const x = t => left + (w - left - 8) * (t - t0) / (t1 - t0);
  const y = v => top + (h - top - bottom) * (1 - v / max);
  const lines = SERIES.map(([k, color]) => svg('polyline', { fill: 'none', stroke: color, 'stroke-width': 1.5,
    points: points.map(([t, v]) => `${x(Date.parse(t)).toFixed(1)},${y(v[k] || 0).toFixed(1)}`).join(' ') }));
  return svg('svg', { class: 'chart', width: w, height: h, viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': title },
      svg('text', { x: left, y: 12 }, title),
      svg('text', { x: 2, y: top + 8 }, max), svg('text', { x: 2, y: h - bottom }, 0),
      svg('line', { x1: left, y1: h - bottom, x2: w - 8, y2: h - bottom, stroke: '#d9dde5' }),
      svg('text', { x: left, y: h - 4 }, new Date(t0).toLocaleTimeString(undefined, { hour12: false })),
      svg('text', { x: w - 60, y: h - 4 }, new Date(t1).toLocaleTimeString(undefined, { hour12: false })), lines);
}

// ---- numbers

const FILTERS = ['platform', 'poolId', 'state', 'bindState', 'userId', 'phoneA'];

async function numbers(params) {
  const size = 50;
  const page = Number(params.get('page') || 0);
  const query = new URLSearchParams();
  FILTERS.forEach(f => params.get(f) && query.set(f, params.get(f)));
  query.set('page', page);
  query.set('size', size);
  const field = (name, label, input) => el('label', {}, label, input || el('input', { name, value: params.get(name) || '', size: 12 }));
  const form = el('form', { class: 'inline', id: 'number-filters', onsubmit: ev => {
    ev.preventDefault();
    const next = new URLSearchParams();
    new FormData(ev.target).forEach((v, k) => v && next.set(k, v));
    location.hash = '#/numbers?' + next;
  } },
  field('platform', 'platform', el('select', { name: 'platform' }, ['', '1', '2', '3'].map(v =>
      el('option', { value: v, selected: params.get('platform') === v }, v || 'any')))),
  field('poolId', 'pool'), field('state', 'state (0-3)'), field('bindState', 'bind state'), field('userId', 'agent id'),
  has('auditor') ? field('phoneA', 'agent phone (A)') : null,
  el('button', { type: 'submit' }, 'Filter'));
  const goto = el('form', { class: 'inline', id: 'number-search', onsubmit: ev => {
    ev.preventDefault();
    const x = new FormData(ev.target).get('x').trim();
    if (x) location.hash = '#/number/' + encodeURIComponent(x);
  } }, el('label', {}, 'virtual number X', el('input', { name: 'x', size: 14 })), el('button', { type: 'submit' }, 'Open'));
  show(el('h1', {}, 'Numbers'), goto, form, el('div', { id: 'number-list' }, 'Loading…'));
  const list = await api('GET', '/api/v1/numbers?' + query);
  const pages = Math.max(1, Math.ceil(list.total / size));
  const link = p => { const q = new URLSearchParams(params); q.set('page', p); return '#/numbers?' + q; };
  document.getElementById('number-list').replaceChildren(
      el('p', { class: 'muted' }, `${list.total} numbers · page ${page + 1} of ${pages} `,
          page > 0 ? el('a', { href: link(page - 1) }, '‹ previous') : null, ' ',
          page + 1 < pages ? el('a', { href: link(page + 1), id: 'next-page' }, 'next ›') : null),
      el('table', { id: 'numbers-table' }, el('thead', {}, el('tr', {}, ['X', 'platform', 'pool', 'state', 'bind state',
        'agent', 'A', 'updated', 'free again'].map(t => el('th', {}, t)))),
      el('tbody', {}, list.items.map(n => el('tr', {},
          el('td', {}, el('a', { href: '#/number/' + n.number }, n.number)), el('td', {}, n.platform), el('td', {}, n.poolId),
          el('td', {}, n.state), el('td', {}, n.bindState), el('td', {}, n.userId || ''), el('td', {}, n.phoneA || ''),
          el('td', {}, time(n.updatedAt)), el('td', {}, n.quarantinedUntil ? time(n.quarantinedUntil) : ''))))));
}

// ---- one number's life

const LABELS = {
  NumberRegisteredEvent: 'registered', NumberReleasedEvent: 'released', NumberStateChangedEvent: 'state changed',
  NumberTransferredEvent: 'transferred to another agent', NumberBlacklistedEvent: 'customer number blacklisted',
  NumberUnblacklistedEvent: 'customer number off the blacklist', XBlacklistedEvent: 'X blacklisted',
  XUnblacklistedEvent: 'X off the blacklist',
  AxBindRequestedEvent: 'AX bind asked of the provider', AxBoundEvent: 'AX bound', AxBindingRejectedEvent: 'AX bind refused',
  AxFaultBoundEvent: 'fault binding (provider unreachable or declared)', AxUnbindRequestedEvent: 'AX unbind asked of the provider',
  AxUnboundEvent: 'AX unbound', AxUnbindingRejectedEvent: 'AX unbind refused',
  AxPhoneChangeRequestedEvent: 'change of A asked of the provider', AxPhoneChangedEvent: 'A changed',
  AxPhoneChangeRejectedEvent: 'change of A refused', AxTransferRequestedEvent: 'transfer asked of the provider',
  AxTransferRejectedEvent: 'transfer refused', FaultRecoveryRequestedEvent: 'fault recovery asked',
  FaultBindingRecoveredEvent: 'fault binding recovered at the provider', FaultBindingEndedEvent: 'fault binding ended',
  FailoverStartedEvent: 'failover started', FailoverEndedEvent: 'failover ended',
  XbBindRequestedEvent: 'customer (XB) bind asked of the provider', XbBoundEvent: 'customer bound',
  XbBindingRejectedEvent: 'customer bind refused', XbBindingExtendedEvent: 'customer binding extended',
  XbBindingExpiredEvent: 'customer binding expired', XbUnbindRequestedEvent: 'customer unbind asked of the provider',
  XbUnboundEvent: 'customer unbound', CallRecordedEvent: 'call',
};

function kindOf(type) {
  if (type === 'CallRecordedEvent') return 'call';
  if (/Rejected|Fault|Failover/.test(type)) return 'failed';
  if (/Requested/.test(type)) return 'provider';
  return '';
}

function summaryOf(p) {
  const parts = [];
  for (const k of ['userId', 'phoneA', 'phoneB', 'subsId', 'state', 'reason', 'expiresAt', 'platform', 'poolId', 'toUserId']) {
    if (p && p[k] !== undefined && p[k] !== null && typeof p[k] !== 'object') parts.push(`${k} ${p[k]}`);
  }
  if (p?.record) parts.push(`${p.record.phoneB || ''} → ${p.record.phoneA || ''}, ${p.record.callType === 1 ? 'customer call' : 'call'}`);
  return parts.join(' · ');
}

async function number(params, x) {
  show(el('h1', {}, 'Number ', x), el('div', { id: 'number-now' }, 'Loading…'),
      el('h2', {}, 'Who held it at a time'), atForm(x), el('div', { id: 'held-at' }),
      el('h2', {}, 'Its life'), el('div', { id: 'life' }, 'Loading…'));
  const now = document.getElementById('number-now');
  try {
    const n = await api('GET', '/api/v1/numbers/' + encodeURIComponent(x));
    now.replaceChildren(el('table', { id: 'number-state' }, el('tbody', {}, Object.entries(n).map(([k, v]) =>
        el('tr', {}, el('th', {}, k), el('td', {}, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v))))));
  } catch (e) {
    now.replaceChildren(failure(e));
  }
  const life = document.getElementById('life');
  if (!has('auditor')) {
    life.replaceChildren(el('p', { class: 'muted' }, 'A number\'s full history shows real numbers: it needs the auditor role '
        + '(and each read is recorded).'));
    return;
  }
  try {
    const history = await api('GET', `/api/v1/numbers/${encodeURIComponent(x)}/history?size=1000`);
    life.replaceChildren(el('ol', { class: 'timeline', id: 'timeline' }, history.events.map(e => el('li', {
      class: kindOf(e.type), 'data-type': e.type }, el('span', { class: 'when', title: 'who held it then?', onclick: () => {
      document.querySelectorAll('.timeline li.selected').forEach(li => li.classList.remove('selected'));
      document.querySelector(`.timeline li[data-at="${e.timestamp}"]`)?.classList.add('selected');
      heldAt(x, e.timestamp);
    } }, time(e.timestamp)), el('span', { class: 'what' }, LABELS[e.type] || e.type),
    el('div', {}, summaryOf(e.payload)), el('div', { class: 'meta' }, [
      e.metadata?.channel && `via ${e.metadata.channel}`, e.metadata?.operator && `by ${e.metadata.operator}`,
      e.metadata?.source, e.metadata?.requestId && `request ${e.metadata.requestId}`,
      e.stream !== x ? `call record ${e.stream}` : null].filter(Boolean).join(' · '))))));
    document.querySelectorAll('.timeline li').forEach((li, i) => li.setAttribute('data-at', history.events[i].timestamp));
  } catch (e) {
    life.replaceChildren(failure(e));
  }
}

function atForm(x) {
  const local = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 19);
  return el('form', { class: 'inline', id: 'held-at-form', onsubmit: ev => {
    ev.preventDefault();
    const value = new FormData(ev.target).get('at');
    heldAt(x, new Date(value).toISOString());
  } }, el('label', {}, 'time', el('input', { type: 'datetime-local', step: 1, name: 'at', value: local })),
  el('button', { type: 'submit' }, 'Show'));
}

async function heldAt(x, at) {
  const box = document.getElementById('held-at');
  const input = document.querySelector('#held-at-form input[name=at]');
  const d = new Date(at);
  input.value = new Date(d - d.getTimezoneOffset() * 60000).toISOString().slice(0, 19);
  try {
    if (has('auditor')) {
      const h = await api('GET', `/api/v1/numbers/${encodeURIComponent(x)}/holder?at=${encodeURIComponent(at)}`);
      box.replaceChildren(el('p', { id: 'holder' }, `at ${time(h.at)}: `, h.holder
          ? `held by agent ${h.holder.userId} (A ${h.holder.phoneA || '?'}, ${h.holder.kind || 'bound'}) from ${time(h.holder.from)}`
            + (h.holder.to ? ` to ${time(h.holder.to)}` : '')
          : 'held by nobody', h.clientBindings?.length ? `; ${h.clientBindings.length} customer binding(s): `
          + h.clientBindings.map(b => `${b.phoneB} from ${time(b.from)} until ${time(b.to || b.expiresAt)}`).join(', ') : ''));
    } else {
      const s = await api('GET', `/api/v1/numbers/${encodeURIComponent(x)}/state?at=${encodeURIComponent(at)}`);
      box.replaceChildren(el('p', { id: 'holder' }, `at ${time(s.at)}: ${s.bindState}, `,
          s.userId ? `agent ${s.userId} (A ${s.phoneA})` : 'no agent'));
    }
  } catch (e) {
    box.replaceChildren(failure(e));
  }
}

// ---- providers

async function providers() {
  const list = await api('GET', '/api/v1/providers');
  const state = s => badge(s, s === 'CLOSED' ? 'good' : s === 'OPEN' || s === 'FORCED_OPEN' ? 'bad' : 'warn');
  show(el('h1', {}, 'Providers'), el('table', { id: 'providers-table' },
      el('thead', {}, el('tr', {}, ['platform', 'circuit', 'since', 'failure rate', 'calls in window', 'failed',
        'refused by the breaker', 'failovers running'].map(t => el('th', {}, t)))),
      el('tbody', {}, list.map(p => el('tr', {}, el('td', {}, `${p.platform} ${p.name || ''}`), el('td', {}, state(p.circuitState)),
          el('td', {}, p.since ? time(p.since) : 'since start'),
          num(p.failureRatePercent == null || p.failureRatePercent < 0 ? '–' : `${p.failureRatePercent.toFixed(1)} %`),
          num(p.bufferedCalls), num(p.failedCalls), num(p.notPermittedCalls), num(p.runningFailovers))))),
      el('p', { class: 'muted' }, 'Refreshed every 5 s.'));
  later(5000, () => location.hash.startsWith('#/providers') && refreshQuietly(providers));
}

async function refreshQuietly(page) {
  try {
    await page(new URLSearchParams(location.hash.split('?')[1] || ''));
  } catch (e) {
    say(e.message, true);
  }
}

// ---- reconciliation

async function reconciliation(params, id) {
  const summary = await api('GET', '/api/v1/pool/summary');
  const pools = summary.platforms.flatMap(p => p.pools.map(q => [q.poolId, `${q.poolId} (${p.platformName})`]));
  const start = dryRun => async ev => {
    const poolId = document.getElementById('run-pool').value;
    ev.target.disabled = true;
    try {
      const run = await api('POST', `/api/v1/reconciliation/runs?dryRun=${dryRun}&poolId=${encodeURIComponent(poolId)}`);
      say(`${dryRun ? 'dry run' : 'repairing run'} ${run.runId} started for pool ${poolId}`);
      location.hash = '#/reconciliation/' + run.runId;
    } catch (e) {
      say(e.message, true);
      ev.target.disabled = false;
    }
  };
  const runs = await api('GET', '/api/v1/reconciliation/runs?limit=20');
  show(el('h1', {}, 'Reconciliation'),
      el('div', { class: 'inline panel' }, el('label', {}, 'pool ', el('select', { id: 'run-pool' },
          pools.map(([v, label]) => el('option', { value: v }, label)))), ' ',
      el('button', { id: 'start-dry-run', onclick: start(true) }, 'Start a dry run'), ' ',
      el('button', { id: 'start-repair', class: 'danger', disabled: !has('admin'), title: has('admin') ? ''
        : 'a repairing run needs the admin role', onclick: start(false) }, 'Start a repairing run')),
      el('table', { id: 'runs-table' }, el('thead', {}, el('tr', {}, ['run', 'pool', 'kind', 'status', 'started', 'finished',
        'checked', 'findings', 'repaired', ''].map(t => el('th', {}, t)))),
      el('tbody', {}, runs.map(r => el('tr', { class: String(r.id) === id ? 'warning' : '' }, el('td', {}, r.id),
          el('td', {}, r.poolId ?? 'all'), el('td', {}, r.dryRun ? 'dry run' : 'repairing'),
          el('td', {}, badge(r.status, r.status === 'FINISHED' || r.status === 'DONE' ? 'good' : r.status === 'FAILED' ? 'bad' : 'warn')),
          el('td', {}, time(r.startedAt)), el('td', {}, time(r.finishedAt)), num(r.checked), num(r.findingCount), num(r.repaired),
          el('td', {}, el('a', { href: '#/reconciliation/' + r.id }, 'findings')))))),
      el('div', { id: 'run-detail' }));
  if (id) {
    const run = await api('GET', '/api/v1/reconciliation/runs/' + encodeURIComponent(id));
    document.getElementById('run-detail').replaceChildren(el('h2', {}, `Run ${run.id}: ${run.status}`),
        run.message ? el('p', {}, run.message) : null,
        run.findings?.length ? el('table', { id: 'findings-table' }, el('thead', {}, el('tr', {},
            Object.keys(run.findings[0]).map(k => el('th', {}, k)))), el('tbody', {}, run.findings.map(f => el('tr', {},
            Object.values(f).map(v => el('td', {}, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : v))))))
          : el('p', { id: 'no-findings', class: 'muted' }, run.finishedAt ? 'no findings' : 'running…'));
    if (!run.finishedAt) later(1500, () => location.hash === '#/reconciliation/' + id && refreshQuietly(p => reconciliation(p, id)));
  }
}

// ---- messages

async function messages(params, queue) {
  const m = await api('GET', '/api/v1/messaging');
  const p = m.publisher || {};
  show(el('h1', {}, 'Messages'),
      el('p', { id: 'publisher' }, 'pnhub.events publisher: ', badge(p.running ? (p.errorState ? 'in error' : 'running') : 'stopped',
          p.running && !p.errorState ? 'good' : 'bad'), ` position ${p.position ?? '–'} of ${p.head ?? '–'}, lag `,
      el('strong', { id: 'publisher-lag' }, p.lag ?? '–'), p.error ? ` (${p.error})` : ''),
      el('table', { id: 'queues-table' }, el('thead', {}, el('tr', {}, ['legacy queue', 'dead letters', ''].map(t => el('th', {}, t)))),
          el('tbody', {}, m.queues.map(q => el('tr', { class: q.deadLetters ? 'warning' : '' }, el('td', {}, q.queue),
              num(q.deadLetters), el('td', {}, el('a', { href: '#/messages/' + encodeURIComponent(q.queue) }, 'show')))))),
      el('div', { id: 'dead-letters' }), el('h2', {}, 'What was done with dead letters'), el('div', { id: 'actions' }));
  if (queue) await deadLetters(queue);
  const actions = await api('GET', '/api/v1/dead-letters/actions?limit=50');
  document.getElementById('actions').replaceChildren(actions.length ? el('table', { id: 'actions-table' },
      el('thead', {}, el('tr', {}, ['at', 'queue', 'message', 'action', 'note', 'by', 'reason'].map(t => el('th', {}, t)))),
      el('tbody', {}, actions.map(a => el('tr', {}, el('td', {}, time(a.at)), el('td', {}, a.queue), el('td', {}, a.messageId),
          el('td', {}, a.action), el('td', {}, a.note || ''), el('td', {}, a.actor), el('td', {}, a.reason || ''))))) 
    : el('p', { class: 'muted' }, 'nothing yet'));
}

async function deadLetters(queue) {
  const box = document.getElementById('dead-letters');
  const letters = await api('GET', `/api/v1/dead-letters/${encodeURIComponent(queue)}?limit=100`);
  const act = (path, body, done) => async ev => {
    ev.target.disabled = true;
    try {
      const r = await api('POST', path, body);
      say(done(r));
      await messages(new URLSearchParams(), queue);
    } catch (e) {
      say(e.message, true);
      ev.target.disabled = false;
    }
  };
  const base = `/api/v1/dead-letters/${encodeURIComponent(queue)}`;
  box.replaceChildren(el('h2', {}, `Dead letters of ${queue}`),
      letters.length ? el('p', {}, el('button', { id: 'redrive-all', onclick: act(base + '/redrive', undefined,
          r => `${r.redriven} re-driven to ${queue}`) }, `Re-drive all ${letters.length}`)) : null,
      letters.length ? el('table', { id: 'dead-letters-table' }, el('thead', {}, el('tr', {}, ['failed', 'reason', 'deliveries',
        'body', ''].map(t => el('th', {}, t)))), el('tbody', {}, letters.map(d => {
        const note = el('input', { placeholder: 'why discard', size: 16, class: 'discard-note' });
        return el('tr', { 'data-id': d.id }, el('td', {}, time(d.failedAt)), el('td', {}, d.reason || '', d.errorCode
            ? el('div', { class: 'muted' }, d.errorCode) : null), num(d.deliveries), el('td', {}, el('pre', {}, d.body)),
        el('td', {}, el('button', { class: 'redrive', onclick: act(`${base}/${encodeURIComponent(d.id)}/redrive`, undefined,
            () => `re-driven to ${queue}`) }, 'Re-drive'), ' ', note, ' ', el('button', { class: 'danger discard', onclick: ev => {
          if (!note.value.trim()) {
            say('say why it is discarded', true);
            return;
          }
          return act(`${base}/${encodeURIComponent(d.id)}/discard`, { note: note.value.trim() }, () => 'discarded')(ev);
        } }, 'Discard')));
      }))) : el('p', { id: 'no-dead-letters', class: 'muted' }, 'no dead letters'));
}

// ---- projections

async function projections() {
  const list = await api('GET', '/api/v1/admin/projections');
  const replay = name => async ev => {
    if (!confirm(`Clear ${name} and rebuild it from the event store?`)) return;
    ev.target.disabled = true;
    try {
      await api('POST', `/api/v1/admin/projections/${encodeURIComponent(name)}/replay`);
      say(`replay of ${name} started`);
      await projections();
    } catch (e) {
      say(e.message, true);
      ev.target.disabled = false;
    }
  };
  show(el('h1', {}, 'Projections'), el('table', { id: 'projections-table' },
      el('thead', {}, el('tr', {}, ['projection', 'state', 'segments here', 'position', 'head', 'lag', 'replay', ''].map(t => el('th', {}, t)))),
      el('tbody', {}, list.map(p => el('tr', { 'data-name': p.name }, el('td', {}, p.name),
          el('td', {}, badge(!p.running ? 'stopped' : p.segments.some(s => s.errorState) ? 'error' : p.replaying ? 'replaying' : 'running',
              p.running && !p.replaying && !p.segments.some(s => s.errorState) ? 'good' : 'warn')),
          num(p.segments.length), num(Math.min(...p.segments.map(s => s.position ?? -1))), num(p.head), num(p.lag),
          el('td', {}, el('progress', { max: 100, value: p.replayPercent }), ' ', el('span', { class: 'replay-percent' },
              `${p.replayPercent} %`)),
          el('td', {}, el('button', { class: 'danger replay', disabled: !has('admin'), onclick: replay(p.name) }, 'Replay')))))),
      el('p', { class: 'muted' }, 'Shows the segments this instance holds. Refreshed every second while a replay runs.'));
  if (list.some(p => p.replaying)) later(1000, () => location.hash.startsWith('#/projections') && refreshQuietly(projections));
}

window.addEventListener('hashchange', () => {
  say('');
  route();
});
route();
