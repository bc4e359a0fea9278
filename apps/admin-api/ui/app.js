// The operators' workbench: a plain ES module, no build step. It talks to the admin API on the
// same origin with the API key the officer signs in with (kept in this tab's sessionStorage only).
// Every value from the API is written with textContent, never as HTML.

const KEY_STORAGE = 'clearance.apiKey';
const REFRESH_MS = 10_000;
const STATUSES = ['PRE_CLEARED', 'DOCUMENT_CHECK', 'INSPECTION_REQUIRED', 'HELD', 'RELEASED', 'CANCELLED', 'REJECTED'];
const PRIORITIES = ['CRITICAL', 'ESSENTIAL', 'STANDARD'];
const SVG = 'http://www.w3.org/2000/svg';

const $ = (id) => document.getElementById(id);
let apiKey = sessionStorage.getItem(KEY_STORAGE);
let selectedShipment = null;
let refreshTimer = null;

function say(text, isError = false) {
  $('message').textContent = text;
  $('message').classList.toggle('error', isError);
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function cell(text, className) {
  return element('td', text, className);
}

async function api(path, { method = 'GET', body } = {}) {
  const response = await fetch(path, {
    method,
    headers: { Authorization: `Bearer ${apiKey}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fields = data && Array.isArray(data.errors) ? data.errors.map((e) => `${e.field}: ${e.message}`).join('; ') : '';
    const error = new Error(`${response.status}: ${fields || (data && data.message) || response.statusText}`);
    error.status = response.status;
    throw error;
  }
  return data;
}

// ---- sign in and out

async function signIn(key) {
  apiKey = key;
  try {
    await api('/api/v1/stats/counts');
  } catch (error) {
    apiKey = null;
    sessionStorage.removeItem(KEY_STORAGE);
    say(`Sign-in refused (${error.message})`, true);
    return;
  }
  sessionStorage.setItem(KEY_STORAGE, key);
  $('sign-in-form').hidden = true;
  $('signed-in').hidden = false;
  $('signed-in-as').textContent = 'Signed in';
  $('workbench').hidden = false;
  say('Signed in.');
  await refresh();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(() => void refresh(), REFRESH_MS);
}

function signOut() {
  apiKey = null;
  sessionStorage.removeItem(KEY_STORAGE);
  clearInterval(refreshTimer);
  $('workbench').hidden = true;
  $('signed-in').hidden = true;
  $('sign-in-form').hidden = false;
  $('api-key').value = '';
  say('Signed out.');
}

// ---- the parts of the page

async function refresh() {
  const results = await Promise.allSettled([
    showCounts(),
    showWorklist(),
    showReleaseTimes(),
    showAlerts(),
    showRules(),
    showDeadLetters(),
  ]);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) say(`Some figures could not be loaded: ${failed.reason.message}`, true);
}

async function showCounts() {
  const counts = await api('/api/v1/stats/counts');
  const head = element('tr');
  head.append(element('th', 'Status'));
  for (const p of PRIORITIES) head.append(element('th', p));
  head.append(element('th', 'Total'));
  for (const th of head.children) th.scope = 'col';
  $('counts-head').replaceChildren(head);
  $('counts-body').replaceChildren(
    ...STATUSES.map((status) => {
      const row = element('tr');
      const name = element('th', status);
      name.scope = 'row';
      row.append(name);
      for (const p of PRIORITIES) row.append(cell(counts.byStatusAndPriority[status][p], 'number'));
      const total = cell(counts.byStatus[status], 'number');
      total.id = `count-${status}`;
      row.append(total);
      return row;
    }),
  );
}

function worklistQuery() {
  const params = new URLSearchParams({ limit: '50' });
  const filters = {
    status: 'filter-status',
    priority: 'filter-priority',
    entryLocation: 'filter-entry-location',
    claimed: 'filter-claimed',
  };
  for (const [name, id] of Object.entries(filters)) {
    const value = $(id).value.trim().toUpperCase();
    if (value) params.set(name, name === 'claimed' ? value.toLowerCase() : value);
  }
  return params.toString();
}

async function showWorklist() {
  const page = await api(`/api/v1/worklist?${worklistQuery()}`);
  const rows = page.items.map((item) => {
    const row = element('tr');
    row.dataset.shipmentId = item.shipmentId;
    row.append(cell(item.shipmentId, 'shipment-id'), cell(item.status), cell(item.priority), cell(item.coldChain ? 'yes' : 'no'));
    row.append(cell(item.entryLocation ?? ''), cell(item.dwellMinutes, 'number'));
    const sla = item.serviceLevel;
    const slaText = sla.state === 'NO_TARGET' ? '-' : `${sla.state}${sla.thresholdMinutes ? ` (${sla.thresholdMinutes} min)` : ''}`;
    row.append(cell(slaText, sla.state === 'BREACHED' ? 'breached' : undefined));
    row.append(cell(item.claim ? (item.claim.mine ? 'you' : item.claim.claimedBy) : 'free', 'claim'));
    const actions = element('td');
    const claimButton = element('button', item.claim && item.claim.mine ? 'Release claim' : 'Claim', 'secondary');
    claimButton.type = 'button';
    claimButton.setAttribute('aria-label', `${claimButton.textContent} ${item.shipmentId}`);
    claimButton.addEventListener('click', () => void toggleClaim(item));
    const workButton = element('button', 'Work on it');
    workButton.type = 'button';
    workButton.setAttribute('aria-label', `Work on ${item.shipmentId}`);
    workButton.addEventListener('click', () => openWork(item.shipmentId));
    actions.append(claimButton, ' ', workButton);
    row.append(actions);
    return row;
  });
  if (rows.length === 0) {
    const empty = element('tr');
    const note = cell('Nothing waits for an officer here.');
    note.colSpan = 9;
    empty.append(note);
    rows.push(empty);
  }
  $('worklist-body').replaceChildren(...rows);
}

async function toggleClaim(item) {
  const action = item.claim && item.claim.mine ? 'release-claim' : 'claim';
  try {
    await api(`/api/v1/worklist/${encodeURIComponent(item.shipmentId)}/${action}`, { method: 'POST' });
    say(action === 'claim' ? `Claimed ${item.shipmentId}.` : `Released the claim on ${item.shipmentId}.`);
  } catch (error) {
    say(`Could not ${action === 'claim' ? 'claim' : 'release'} ${item.shipmentId}: ${error.message}`, true);
  }
  await refresh();
}

function openWork(shipmentId) {
  selectedShipment = shipmentId;
  showRefusal(null);
  $('work-shipment').textContent = shipmentId;
  $('work-panel').hidden = false;
  $('work-panel').focus();
}

async function recordExamination(event) {
  event.preventDefault();
  const quantity = $('exam-quantity').value;
  const body = {
    outcome: $('exam-outcome').value,
    findings: $('exam-findings').value,
    temperatureControlledFacility: $('exam-temperature').checked,
    ...(quantity === '' ? {} : { quantityChecked: Number(quantity) }),
  };
  try {
    const result = await api(`/api/v1/shipments/${encodeURIComponent(selectedShipment)}/examinations`, { method: 'POST', body });
    say(`Examination recorded for ${selectedShipment}${result.statusChange ? `: now ${result.statusChange.status}` : ''}.`);
    $('examination-form').reset();
  } catch (error) {
    say(`Examination not recorded: ${error.message}`, true);
  }
  await refresh();
}

/** Shown by the decision form itself, where the officer is looking; null clears it. */
function showRefusal(text) {
  $('decision-refusal').textContent = text ?? '';
  $('decision-refusal').hidden = text === null;
}

async function decide(event) {
  event.preventDefault();
  const publicReason = $('decision-public-reason').value.trim();
  const body = {
    status: $('decision-status').value,
    reason: $('decision-reason').value,
    ...(publicReason ? { publicReason } : {}),
    ...($('decision-waive').checked ? { waiveInspection: true } : {}),
  };
  showRefusal(null);
  try {
    const status = await api(`/api/v1/shipments/${encodeURIComponent(selectedShipment)}/decisions`, { method: 'POST', body });
    say(`${selectedShipment} is now ${status.status} (version ${status.version}).`);
    $('decision-form').reset();
  } catch (error) {
    // The release gate's 409 names what is missing; say what the officer can do about it.
    const gate = error.status === 409 && /examination result/.test(error.message);
    const text = `Decision refused: ${error.message}${gate ? '. Record an examination above, or tick "Waive the inspection" and give the reason.' : ''}`;
    say(text, true);
    showRefusal(text);
  }
  await refresh();
}

/** A horizontal bar chart as inline SVG: one row per label, each with its bars. */
function barChart(title, rows, bars, unit) {
  const figure = element('figure');
  figure.append(element('figcaption', title));
  const max = Math.max(1, ...rows.flatMap((r) => bars.map((b) => r[b.key] ?? 0)));
  const rowHeight = 14 * bars.length + 10;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('width', '420');
  svg.setAttribute('height', String(rows.length * rowHeight + 10));
  svg.setAttribute('role', 'img');
  const summary = rows.map((r) => `${r.label}: ${bars.map((b) => `${b.name} ${format(r[b.key])}${unit}`).join(', ')}`).join('; ');
  svg.setAttribute('aria-label', `${title}. ${summary || 'No data.'}`);
  rows.forEach((row, i) => {
    const y = i * rowHeight + 5;
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(y + 12));
    label.textContent = row.label;
    svg.append(label);
    bars.forEach((bar, j) => {
      const value = row[bar.key] ?? 0;
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('x', '120');
      rect.setAttribute('y', String(y + j * 14));
      rect.setAttribute('height', '12');
      rect.setAttribute('width', String(Math.max(1, (value / max) * 220)));
      rect.setAttribute('class', bar.className);
      svg.append(rect);
      const text = document.createElementNS(SVG, 'text');
      text.setAttribute('x', String(125 + (value / max) * 220));
      text.setAttribute('y', String(y + j * 14 + 10));
      text.textContent = `${bar.name} ${format(row[bar.key])}${unit}`;
      svg.append(text);
    });
  });
  figure.append(svg);
  return figure;
}

const format = (value) => (value === null || value === undefined ? 'n/a' : Number.isInteger(value) ? String(value) : value.toFixed(1));

async function showReleaseTimes() {
  const stats = await api('/api/v1/stats/release-times');
  const byPriority = stats.intervals.filter((i) => i.dimension === 'priority');
  const rows = byPriority.map((i) => ({ label: i.key, p50: i.arrivalToRelease.p50Minutes, p90: i.arrivalToRelease.p90Minutes }));
  const all = stats.intervals.find((i) => i.dimension === 'all');
  const shares = (all ? all.releasedWithin : []).map((w) => ({
    label: `within ${w.minutes} min`,
    share: w.share === null ? null : w.share * 100,
  }));
  const charts = element('div', null, 'charts');
  charts.append(
    barChart(
      'Arrival to release, minutes, by priority',
      rows,
      [
        { key: 'p50', name: 'p50', className: 'bar-p50' },
        { key: 'p90', name: 'p90', className: 'bar-p90' },
      ],
      ' min',
    ),
    barChart('Released within minutes of arrival, % of arrived', shares, [{ key: 'share', name: '', className: 'bar-share' }], '%'),
  );
  $('release-charts').replaceChildren(charts);
}

async function showAlerts() {
  const levels = await api('/api/v1/service-levels');
  $('alerts-targets').textContent = levels.thresholds.length
    ? `Targets: ${levels.thresholds.map((t) => `${t.priority}${t.coldChain === true ? ' cold chain' : t.coldChain === false ? ' ambient' : ''} within ${t.minutes} min of arrival`).join('; ')}`
    : 'No service-level targets are configured.';
  const items = levels.alerts.map((a) =>
    element(
      'li',
      `${a.shipmentId} (${a.priority}${a.coldChain ? ', cold chain' : ''}): not released within ${a.thresholdMinutes} min of arrival at ${a.arrivedAt}; alert ${a.raisedAt}; now ${a.status}`,
    ),
  );
  $('alerts-list').replaceChildren(...(items.length ? items : [element('li', 'No alert.')]));
}

async function showRules() {
  const stats = await api('/api/v1/stats/rules');
  const rows = stats.rulesets.flatMap((ruleset) =>
    ruleset.rules.map((rule) => {
      const row = element('tr');
      const hit = rule.hitRate === null ? 'n/a' : `${(rule.hitRate * 100).toFixed(1)}%${rule.smallSample ? ' (small sample)' : ''}`;
      const name = rule.kind === 'RANDOM_SAMPLING' ? `${rule.ruleId} (baseline)` : rule.ruleId;
      row.append(cell(ruleset.rulesetVersion, 'number'), cell(name), cell(rule.outcome));
      row.append(
        cell(rule.selections, 'number'),
        cell(rule.examined, 'number'),
        cell(rule.withFindings, 'number'),
        cell(hit),
        cell(rule.overrides, 'number'),
      );
      return row;
    }),
  );
  $('rules-body').replaceChildren(...rows);
}

async function showDeadLetters() {
  const page = await api('/api/v1/dead-letters?limit=10');
  $('dead-letters-body').replaceChildren(
    ...page.items.map((d) => {
      const row = element('tr');
      row.append(cell(d.receivedAt), cell(d.shipmentId ?? ''), cell(d.errorKind), cell((d.errors[0] && d.errors[0].message) || ''));
      return row;
    }),
  );
}

// ---- wiring

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void signIn($('api-key').value.trim());
});
$('sign-out').addEventListener('click', signOut);
$('refresh').addEventListener('click', () => void refresh());
$('worklist-filters').addEventListener('submit', (event) => {
  event.preventDefault();
  void showWorklist().catch((error) => say(`Worklist not loaded: ${error.message}`, true));
});
$('examination-form').addEventListener('submit', (event) => void recordExamination(event));
$('decision-form').addEventListener('submit', (event) => void decide(event));
$('close-work').addEventListener('click', () => {
  $('work-panel').hidden = true;
  selectedShipment = null;
});

if (apiKey) void signIn(apiKey);
