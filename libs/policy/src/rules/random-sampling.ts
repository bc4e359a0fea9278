import * as crypto from 'node:crypto';
import { type Reason } from '@app/contract/clearance-status';
import { PRIORITY_RANK, type RuleContext } from '../context';
import { defineDecidingRuleKind } from '../rule-kind';
import { type ParamsOf, param } from '../rule-params';

/** Rule 8: deterministic random compliance sampling of STANDARD shipments. */
const RANDOM_SAMPLING_PARAMS = {
  /** The share of eligible shipments selected, in [0, 1] (the baseline: 0.05). */
  rate: param.number({ min: 0, max: 1 }),
  /** Shipment priorities that may be sampled; only STANDARD is allowed (docs/contract.md rule 8). */
  priorities: param.enumArray(['STANDARD'], { minItems: 1, note: 'CRITICAL and ESSENTIAL shipments are never randomly sampled' }),
  /** An AEO consignee is never sampled (default true). */
  exemptAeoConsignee: param.boolean({ default: true }),
};
type RandomSamplingParams = ParamsOf<typeof RANDOM_SAMPLING_PARAMS>;

interface CompiledRandomSampling {
  ruleId: string;
  rate: number;
  rankMask: number;
  exemptAeoConsignee: boolean;
}

function compileRandomSampling(ruleId: string, p: RandomSamplingParams): CompiledRandomSampling {
  let rankMask = 0;
  for (const pr of p.priorities) rankMask |= 1 << PRIORITY_RANK[pr];
  return { ruleId, rate: p.rate, rankMask, exemptAeoConsignee: p.exemptAeoConsignee };
}

/** First 4 bytes of SHA-256(shipmentId, UTF-8) as an unsigned big-endian integer, divided by 2^32: in [0, 1). */
export function samplingScore(shipmentId: string): number {
  return sha256Prefix32(shipmentId) / 4294967296;
}

/** One-shot crypto.hash (Node >= 20.12) is about twice as fast as createHash; strings hash as UTF-8. */
const oneShot = (crypto as { hash?: (algorithm: string, data: string, outputEncoding: 'hex') => string }).hash;

function sha256Prefix32(text: string): number {
  if (oneShot !== undefined) return parseInt(oneShot('sha256', text, 'hex').slice(0, 8), 16);
  return crypto.createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0);
}

function evaluateRandomSampling(ctx: RuleContext, c: CompiledRandomSampling): Reason[] | null {
  if (c.rate <= 0) return null;
  if ((c.rankMask & (1 << PRIORITY_RANK[ctx.priority])) === 0) return null;
  if (c.exemptAeoConsignee && ctx.declaration.parties.consignee.aeo === true) return null;
  const score = samplingScore(ctx.declaration.shipmentId);
  if (!(score < c.rate)) return null;
  return [
    {
      code: 'RANDOM_COMPLIANCE_SAMPLE',
      ruleId: c.ruleId,
      message: `Selected for random compliance sampling of ${ctx.priority} shipments (score ${score.toFixed(4)} below the sampling rate ${c.rate}): documents will be checked.`,
    },
  ];
}

export const randomSamplingRuleKind = defineDecidingRuleKind({
  kind: 'RANDOM_SAMPLING',
  defaultDisclosure: 'public',
  params: RANDOM_SAMPLING_PARAMS,
  compile: compileRandomSampling,
  evaluate: evaluateRandomSampling,
});
