import { type Reason } from '@app/contract/clearance-status';
import { type RuleContext } from '../context';
import { Labels } from '../normalise';
import { defineDecidingRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';

/** Rule 5: goods that expire before they arrive. */
const EXPIRY_BEFORE_ARRIVAL_PARAMS = {
  /**
   * Minimum remaining shelf life, in days, on the (UTC) arrival date. 0 (the default, docs/contract.md rule 5)
   * fires only for items whose expiryDate is strictly before the arrival date.
   */
  minShelfLifeDays: param.number({ min: 0, max: 3650, integer: true, default: 0, unit: 'days' }),
};
type ExpiryBeforeArrivalParams = ParamsOf<typeof EXPIRY_BEFORE_ARRIVAL_PARAMS>;

interface CompiledExpiryBeforeArrival {
  ruleId: string;
  minShelfLifeDays: number;
}

const DAY_MS = 86_400_000;

function compileExpiryBeforeArrival(ruleId: string, p: ExpiryBeforeArrivalParams): CompiledExpiryBeforeArrival {
  return { ruleId, minShelfLifeDays: p.minShelfLifeDays };
}

function digit(s: string, i: number): number {
  const d = s.charCodeAt(i) - 48;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Whether the time is written in UTC (`...Z`, `...+00:00` or `...-00:00`). */
function isUtc(time: string): boolean {
  const n = time.length;
  const last = time.charCodeAt(n - 1);
  if (last === 90 /* Z */ || last === 122 /* z */) return true;
  return n > 6 && time.endsWith('00:00') && (time[n - 6] === '+' || time[n - 6] === '-');
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}

/** `YYYY-MM-DD` of days since 1970-01-01 (H. Hinnant's civil_from_days). */
function civilFromDays(z: number): string {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/**
 * `YYYY-MM-DD` (UTC) of an RFC 3339 time plus whole days; null when it cannot be read. UTC times
 * (the usual case) are read from their digits; other offsets go through Date.parse.
 */
export function utcDatePlusDays(time: string, days: number): string | null {
  let epochDays: number;
  if (time.length >= 11 && time[4] === '-' && time[7] === '-' && (time[10] === 'T' || time[10] === 't') && isUtc(time)) {
    if (days === 0) return time.slice(0, 10);
    const y = digit(time, 0) * 1000 + digit(time, 1) * 100 + digit(time, 2) * 10 + digit(time, 3);
    const m = digit(time, 5) * 10 + digit(time, 6);
    const d = digit(time, 8) * 10 + digit(time, 9);
    epochDays = daysFromCivil(y, m, d);
  } else {
    const ms = Date.parse(time);
    if (Number.isNaN(ms)) return null;
    epochDays = Math.floor(ms / DAY_MS);
  }
  return civilFromDays(epochDays + days);
}

function evaluateExpiryBeforeArrival(ctx: RuleContext, c: CompiledExpiryBeforeArrival): Reason[] | null {
  const items = ctx.declaration.items;
  let any = false;
  for (let i = 0; i < items.length; i++) {
    if (items[i].expiryDate !== undefined) {
      any = true;
      break;
    }
  }
  if (!any) return null;
  const arrival = ctx.declaration.route.estimatedArrival;
  const limit = utcDatePlusDays(arrival, c.minShelfLifeDays);
  if (limit === null) return null;
  let lines: Labels | null = null;
  for (let i = 0; i < items.length; i++) {
    const e = items[i].expiryDate;
    // YYYY-MM-DD strings order as dates.
    if (e !== undefined && e < limit) (lines ??= new Labels()).add(`line ${items[i].lineNo} expires ${e}`);
  }
  if (lines === null) return null;
  const rule =
    c.minShelfLifeDays === 0
      ? `before the estimated arrival (${arrival})`
      : `less than ${c.minShelfLifeDays} day(s) after the estimated arrival (${arrival})`;
  return [
    {
      code: 'EXPIRES_BEFORE_ARRIVAL',
      ruleId: c.ruleId,
      message: `Goods expire ${rule}: ${lines.text}. Expired medical products must not be released.`,
    },
  ];
}

export const expiryBeforeArrivalRuleKind = defineDecidingRuleKind({
  kind: 'EXPIRY_BEFORE_ARRIVAL',
  defaultDisclosure: 'public',
  params: EXPIRY_BEFORE_ARRIVAL_PARAMS,
  compile: compileExpiryBeforeArrival,
  evaluate: evaluateExpiryBeforeArrival,
});
