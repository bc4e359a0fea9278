import { type Priority, PRIORITIES } from '@app/contract/clearance-status';

/**
 * Release within `minutes` of arrival, for shipments of `priority` and, when `coldChain` is set,
 * only those with (true) or without (false) a cold chain; null: either.
 */
export interface ServiceLevelThreshold {
  priority: Priority;
  coldChain: boolean | null;
  minutes: number;
}

/** The contract's default: CRITICAL cold-chain goods released within 60 minutes of arrival. */
export const DEFAULT_SERVICE_LEVELS = 'CRITICAL+COLD=60';

const ENTRY = /^(CRITICAL|ESSENTIAL|STANDARD)(\+COLD|-COLD)?=(\d{1,6})$/;

/**
 * Reads `PRIORITY[+COLD|-COLD]=MINUTES,...` (e.g. `CRITICAL+COLD=60,CRITICAL=240`), or `none`.
 * Returns the thresholds, or the problems of each entry that is not of that form.
 */
export function parseServiceLevels(text: string): { thresholds: ServiceLevelThreshold[]; problems: string[] } {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'none') return { thresholds: [], problems: [] };
  const thresholds: ServiceLevelThreshold[] = [];
  const problems: string[] = [];
  for (const entry of trimmed.split(',').map((e) => e.trim().toUpperCase())) {
    const match = ENTRY.exec(entry);
    const minutes = match ? Number(match[3]) : 0;
    if (!match || minutes < 1) {
      problems.push(`"${entry.slice(0, 40)}" is not PRIORITY[+COLD|-COLD]=MINUTES (${PRIORITIES.join('|')}, minutes >= 1)`);
      continue;
    }
    const coldChain = match[2] === '+COLD' ? true : match[2] === '-COLD' ? false : null;
    const priority = match[1] as Priority;
    if (thresholds.some((t) => t.priority === priority && t.coldChain === coldChain)) {
      problems.push(`${entry.split('=')[0]} is given twice`);
      continue;
    }
    thresholds.push({ priority, coldChain, minutes });
  }
  return { thresholds, problems };
}

/** The threshold of a shipment: the one naming its cold chain exactly, else the one for its whole priority; null when none. */
export function serviceLevelFor(
  thresholds: readonly ServiceLevelThreshold[],
  priority: Priority,
  coldChain: boolean,
): ServiceLevelThreshold | null {
  return (
    thresholds.find((t) => t.priority === priority && t.coldChain === coldChain) ??
    thresholds.find((t) => t.priority === priority && t.coldChain === null) ??
    null
  );
}

export type ServiceLevelState = 'NO_TARGET' | 'NOT_ARRIVED' | 'ON_TIME' | 'BREACHED';

export interface ServiceLevelStanding {
  state: ServiceLevelState;
  thresholdMinutes: number | null;
  /** When release is due (arrival + threshold); null without a target or an arrival. */
  dueAt: Date | null;
}

/** Where an unreleased shipment stands against its service level at `now`. */
export function serviceLevelStanding(
  thresholds: readonly ServiceLevelThreshold[],
  shipment: { priority: Priority; coldChain: boolean; arrivedAt: Date | null },
  now: Date,
): ServiceLevelStanding {
  const threshold = serviceLevelFor(thresholds, shipment.priority, shipment.coldChain);
  if (!threshold) return { state: 'NO_TARGET', thresholdMinutes: null, dueAt: null };
  if (!shipment.arrivedAt) return { state: 'NOT_ARRIVED', thresholdMinutes: threshold.minutes, dueAt: null };
  const dueAt = new Date(shipment.arrivedAt.getTime() + threshold.minutes * 60_000);
  return { state: now.getTime() > dueAt.getTime() ? 'BREACHED' : 'ON_TIME', thresholdMinutes: threshold.minutes, dueAt };
}

/** What the trade reads when its goods wait past the service level (WTO TFA Art. 7.9: perishable goods). */
export function delayNoticeMessage(standing: { thresholdMinutes: number }, arrivedAt: Date): string {
  return (
    `Release is taking longer than the ${standing.thresholdMinutes}-minute service level for these goods ` +
    `(arrived ${arrivedAt.toISOString()}). Customs is working on it with priority.`
  );
}
