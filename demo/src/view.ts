/**
 * The demo's terminal view, as plain text: a full screen for a TTY (redrawn ~4 times a
 * second with ANSI codes), one summary line for logs, and the final summary. Pure functions of
 * a ViewState.
 */
import { CLEARANCE_STATUSES, PRIORITIES } from '@app/contract';
import { BOLD, DIM, RESET, STATUS_COLOURS, stripAnsi } from './ansi';
import { type Tally } from './tally';
import { FILING_KINDS } from './traffic';

export interface ViewState {
  tally: Tally;
  runId: string;
  seed: number;
  targetRate: number;
  elapsedMs: number;
  /** Set with --duration. */
  durationMs: number | null;
  /** Events planned (rate x duration), with --duration. */
  planned: number | null;
  /** Events per second since the start, and over the last seconds. */
  achievedRate: number;
  recentRate: number;
  /** Statuses per second over the last seconds. */
  statusRate: number;
  phase: 'filing' | 'waiting' | 'done';
  lastError: string | null;
}

/** mm:ss (hh:mm:ss past an hour). */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return h > 0 ? `${h}:${mmss}` : mmss;
}

export function formatMs(value: number | null): string {
  if (value === null) return '-';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`;
}

/** A bar of `width` cells filled to `fraction` (clamped to 0..1), with eighth-cell precision. */
export function progressBar(fraction: number, width: number): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const eighths = Math.round(f * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const partials = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  const filled = '█'.repeat(full) + partials[partial];
  return filled + '░'.repeat(width - full - (partial > 0 ? 1 : 0));
}

/** Without a planned end: a block sweeping back and forth, one step per 250 ms. */
export function sweepBar(elapsedMs: number, width: number, block = 4): string {
  const span = Math.max(1, width - block);
  const step = Math.floor(elapsedMs / 250) % (2 * span);
  const at = step <= span ? step : 2 * span - step;
  return '░'.repeat(at) + '█'.repeat(Math.min(block, width)) + '░'.repeat(Math.max(0, width - at - block));
}

export function progressLine(state: ViewState, width: number): string {
  const { tally, planned, durationMs, elapsedMs } = state;
  if (planned !== null && durationMs !== null) {
    const fraction = planned > 0 ? tally.sent / planned : 1;
    return `[${progressBar(fraction, width)}] ${String(Math.floor(Math.min(1, fraction) * 100)).padStart(3)}%  ${tally.sent}/${planned} events  ${formatDuration(elapsedMs)} / ${formatDuration(durationMs)}`;
  }
  return `[${sweepBar(elapsedMs, width)}] ${tally.sent} events  elapsed ${formatDuration(elapsedMs)}  (until Ctrl-C)`;
}

const PHASE: Record<ViewState['phase'], string> = {
  filing: 'filing',
  waiting: 'stopped filing; waiting for outstanding statuses',
  done: 'done',
};

function rate(value: number): string {
  return `${value.toFixed(1)}/s`;
}

const DECLARATION_KINDS = FILING_KINDS.slice(0, 4);
const OTHER_KINDS = FILING_KINDS.slice(4);

/** What was filed, on two lines: declarations, then amendments, arrivals and malformed records. */
function filedLines(tally: Tally): string[] {
  const list = (kinds: readonly (typeof FILING_KINDS)[number][]) => kinds.map((k) => `${k} ${tally.filed[k]}`).join('  ');
  return [`filed    ${list(DECLARATION_KINDS)}`, `         ${list(OTHER_KINDS)}`];
}

function statusTable(tally: Tally, colour: boolean): string[] {
  const cell = (v: string | number, w = 10) => String(v).padStart(w);
  const header = `${'status'.padEnd(20)}${PRIORITIES.map((p) => cell(p)).join('')}${cell('total')}`;
  const lines = [colour ? `${BOLD}${header}${RESET}` : header];
  for (const s of CLEARANCE_STATUSES) {
    const row = tally.statuses[s];
    const total = PRIORITIES.reduce((n, p) => n + row[p], 0);
    const name = s.padEnd(20);
    lines.push(`${colour ? `${STATUS_COLOURS[s]}${name}${RESET}` : name}${PRIORITIES.map((p) => cell(row[p])).join('')}${cell(total)}`);
  }
  const totals = tally.byPriority();
  lines.push(`${'all statuses'.padEnd(20)}${PRIORITIES.map((p) => cell(totals[p])).join('')}${cell(tally.received)}`);
  return lines;
}

function latencyTable(tally: Tally, colour: boolean): string[] {
  const header = `${'latency (produced -> status)'.padEnd(30)}${'p50'.padStart(10)}${'p99'.padStart(10)}${'samples'.padStart(10)}`;
  const lines = [colour ? `${BOLD}${header}${RESET}` : header];
  for (const p of PRIORITIES) {
    const { p50, p99, count } = tally.latency[p].percentiles();
    lines.push(`${p.padEnd(30)}${formatMs(p50).padStart(10)}${formatMs(p99).padStart(10)}${String(count).padStart(10)}`);
  }
  return lines;
}

/** Counts, latency and the accounting, each after a blank line. */
function tables(tally: Tally, colour: boolean): string[] {
  return ['', ...statusTable(tally, colour), '', ...latencyTable(tally, colour), '', accountingLine(tally)];
}

function accountingLine(tally: Tally): string {
  return `dead letters ${tally.deadLetters} (expected ${tally.expectedDeadLetters})   statuses ${tally.received} (expected ${tally.expectedStatuses})   outstanding ${tally.outstanding}${tally.duplicates ? `   redelivered ${tally.duplicates}` : ''}`;
}

/** The full screen: one string per line, no trailing newline. */
export function renderView(state: ViewState, options: { colour: boolean; columns: number }): string[] {
  const { tally } = state;
  const { colour } = options;
  const barWidth = Math.max(10, Math.min(50, options.columns - 50));
  const title = `Border-system simulator  run ${state.runId}  seed ${state.seed}  target ${rate(state.targetRate)}  ${PHASE[state.phase]}`;
  const lines = [
    colour ? `${BOLD}${title}${RESET}` : title,
    progressLine(state, barWidth),
    ...filedLines(tally),
    `rate     achieved ${rate(state.achievedRate)} (last 5 s ${rate(state.recentRate)})   statuses ${rate(state.statusRate)}`,
    ...tables(tally, colour),
  ];
  if (state.lastError)
    lines.push(colour ? `${STATUS_COLOURS.REJECTED}last error: ${state.lastError}${RESET}` : `last error: ${state.lastError}`);
  if (state.phase === 'filing') lines.push(colour ? `${DIM}Ctrl-C stops${RESET}` : 'Ctrl-C stops');
  // Never wider than the terminal: a wrapped line would break the redraw.
  return lines.map((line) =>
    stripAnsi(line).length > options.columns ? stripAnsi(line).slice(0, Math.max(1, options.columns - 1)) : line,
  );
}

/** One line for a log (stdout not a TTY), printed every 2 s. */
export function summaryLine(state: ViewState): string {
  const { tally } = state;
  const done = state.planned !== null ? `${tally.sent}/${state.planned}` : `${tally.sent}`;
  const byStatus = CLEARANCE_STATUSES.map((s) => [s, PRIORITIES.reduce((n, p) => n + tally.statuses[s][p], 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${s}=${n}`)
    .join(' ');
  const byPriority = Object.entries(tally.byPriority())
    .map(([p, n]) => `${p}=${n}`)
    .join(' ');
  const latency = PRIORITIES.map((p) => {
    const { p50, p99 } = tally.latency[p].percentiles();
    return `${p} ${formatMs(p50)}/${formatMs(p99)}`;
  }).join(', ');
  return `[demo ${formatDuration(state.elapsedMs)}] sent ${done} (${rate(state.achievedRate)}) | statuses ${tally.received}: ${byStatus || '-'} | ${byPriority} | p50/p99 ${latency} | dead letters ${tally.deadLetters} | outstanding ${tally.outstanding}`;
}

/** The summary printed when the demo ends. */
export function finalSummary(state: ViewState): string[] {
  const { tally } = state;
  const missing = tally.outstanding;
  return [
    `Demo run ${state.runId} (seed ${state.seed}): ${tally.sent} events in ${formatDuration(state.elapsedMs)}, target ${rate(state.targetRate)}, achieved ${rate(state.achievedRate)}`,
    ...filedLines(tally),
    ...tables(tally, false),
    missing === 0
      ? 'Every expected status and dead letter arrived.'
      : `${missing} expected statuses or dead letters had not arrived when the demo stopped waiting.`,
  ];
}
