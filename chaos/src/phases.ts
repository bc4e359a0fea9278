import { type Accounting, account, type ExpectedShipment, type ReceivedStatus } from './accounting';

/** One fault of the run and what it cost: the shipments filed from its start to the next fault's. */
export interface PhaseReport extends Accounting {
  phase: string;
  /** From the end of the fault (a kill, a restart issued, SIGCONT) until probes on every partition were decided and published; null when not measured. */
  recoverySeconds: number | null;
}

/**
 * Accounts each phase on its own: phase i's shipments are those filed during it (0: before the
 * first fault), each expected with all its versions whenever they came.
 */
export function accountPhases(
  phases: { name: string; recoverySeconds: number | null }[],
  expected: { phase: number; shipment: ExpectedShipment }[],
  received: ReceivedStatus[],
  eventsPerShipment: (shipment: ExpectedShipment) => number,
): PhaseReport[] {
  return phases.map(({ name, recoverySeconds }, index) => {
    const mine = expected.filter((e) => e.phase === index).map((e) => e.shipment);
    const sent = mine.reduce((n, s) => n + eventsPerShipment(s), 0);
    return { phase: name, recoverySeconds, ...account(mine, received, sent) };
  });
}

const COLUMNS: [string, (r: PhaseReport) => string][] = [
  ['fault', (r) => r.phase],
  ['events sent', (r) => String(r.eventsSent)],
  ['statuses expected', (r) => String(r.statusesExpected)],
  ['received', (r) => String(r.statusesReceived)],
  ['lost', (r) => String(r.lost)],
  ['duplicated', (r) => String(r.duplicated)],
  ['conflicting', (r) => String(r.conflicting)],
  ['out of order', (r) => String(r.outOfOrder)],
  ['recovery (s)', (r) => (r.recoverySeconds === null ? '-' : r.recoverySeconds.toFixed(1))],
];

/** The report as a Markdown table (also readable in a terminal). */
export function formatPhaseTable(reports: PhaseReport[]): string {
  const rows = reports.map((r) => COLUMNS.map(([, cell]) => cell(r)));
  const header = COLUMNS.map(([name]) => name);
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}
