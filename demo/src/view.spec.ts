import { stripAnsi } from './ansi';
import { Tally } from './tally';
import {
  type ViewState,
  finalSummary,
  formatDuration,
  formatMs,
  progressBar,
  progressLine,
  renderView,
  summaryLine,
  sweepBar,
} from './view';

function state(overrides: Partial<ViewState> = {}): ViewState {
  const tally = new Tally();
  return {
    tally,
    runId: 'RUN1',
    seed: 7,
    targetRate: 50,
    elapsedMs: 9_500,
    durationMs: 20_000,
    planned: 1000,
    achievedRate: 49.5,
    recentRate: 50.2,
    statusRate: 48,
    phase: 'filing',
    lastError: null,
    ...overrides,
  };
}

describe('progressBar', () => {
  it('fills the share of its width, with eighth-cell precision, and always keeps its width', () => {
    expect(progressBar(0, 10)).toBe('░'.repeat(10));
    expect(progressBar(1, 10)).toBe('█'.repeat(10));
    expect(progressBar(0.5, 10)).toBe('█████░░░░░');
    expect(progressBar(0.05, 10)).toBe('▌░░░░░░░░░');
    for (const f of [0, 0.013, 0.33, 0.999, 1, 1.7, -1, NaN]) expect([...progressBar(f, 17)]).toHaveLength(17);
    expect(progressBar(1.7, 4)).toBe('████');
    expect(progressBar(-1, 4)).toBe('░░░░');
  });
});

describe('sweepBar', () => {
  it('moves a block back and forth within its width', () => {
    expect(sweepBar(0, 8)).toBe('████░░░░');
    expect(sweepBar(250, 8)).toBe('░████░░░');
    expect(sweepBar(4 * 250, 8)).toBe('░░░░████');
    expect(sweepBar(5 * 250, 8)).toBe('░░░████░');
    for (let t = 0; t < 10_000; t += 250) expect([...sweepBar(t, 8)]).toHaveLength(8);
  });
});

describe('formatting', () => {
  it('formats durations and milliseconds', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65_999)).toBe('01:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatMs(null)).toBe('-');
    expect(formatMs(12.34)).toBe('12.3 ms');
    expect(formatMs(12_500)).toBe('12.5 s');
  });

  it('given --duration, then the progress line shows events sent of planned and the time left', () => {
    const s = state();
    s.tally.sent = 250;
    expect(progressLine(s, 8)).toBe('[██░░░░░░]  25%  250/1000 events  00:09 / 00:20');
  });

  it('given no --duration, then the progress line shows the elapsed time', () => {
    const s = state({ durationMs: null, planned: null });
    s.tally.sent = 42;
    expect(progressLine(s, 8)).toContain('42 events  elapsed 00:09  (until Ctrl-C)');
  });
});

describe('renderView', () => {
  const s = state();
  s.tally.sentFiling(
    {
      record: { key: 'S1', value: '', eventId: 'e1', shipmentId: 'S1', kind: 'submitted' },
      kind: 'vaccine campaign',
      statusesExpected: 1,
      deadLetter: false,
    },
    0,
  );
  s.tally.status({ shipmentId: 'S1', version: 1, status: 'INSPECTION_REQUIRED', priority: 'CRITICAL', causationId: 'e1' }, 35);

  it('shows counts by status and priority, latency by priority, dead letters and the achieved rate', () => {
    const text = renderView(s, { colour: false, columns: 200 }).join('\n');
    expect(text).toMatch(/INSPECTION_REQUIRED\s+1\s+0\s+0\s+1/);
    expect(text).toMatch(/CRITICAL\s+35\.0 ms\s+35\.0 ms\s+1/);
    expect(text).toContain('dead letters 0 (expected 0)');
    expect(text).toContain('achieved 49.5/s (last 5 s 50.2/s)');
    expect(text).toContain('vaccine campaign 1');
    expect(text).toContain('malformed 0');
  });

  it('colours statuses only when asked, and never exceeds the terminal width', () => {
    expect(renderView(s, { colour: false, columns: 200 }).join('\n')).not.toContain('\x1b[');
    const coloured = renderView(s, { colour: true, columns: 200 });
    expect(coloured.join('\n')).toContain('\x1b[35mINSPECTION_REQUIRED');
    for (const line of renderView(s, { colour: true, columns: 60 })) expect(stripAnsi(line).length).toBeLessThanOrEqual(60);
  });

  it('summarises in one line for logs, and in full at the end', () => {
    const line = summaryLine(s);
    expect(line).not.toContain('\n');
    expect(line).toContain('INSPECTION_REQUIRED=1');
    expect(line).toContain('CRITICAL=1');
    expect(line).toContain('dead letters 0');
    const summary = finalSummary({ ...s, phase: 'done' }).join('\n');
    expect(summary).toContain('Every expected status and dead letter arrived.');
  });
});
