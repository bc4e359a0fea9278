import { createHash } from 'node:crypto';
import { aCompanyConsignee, aDeclaration, aStandardItem, aSyringeItem } from '@app/contract/testing';
import { NOW, aPolicy, documentWith } from '../testing/policy.fixtures';
import { samplingScore } from './random-sampling';

/** The contract's definition (docs/contract.md rule 8), written independently of the implementation. */
function expectedScore(id: string): number {
  const h = createHash('sha256').update(Buffer.from(id, 'utf8')).digest();
  return (h[0] * 2 ** 24 + h[1] * 2 ** 16 + h[2] * 2 ** 8 + h[3]) / 2 ** 32;
}

function findId(pred: (score: number) => boolean): string {
  for (let i = 0; i < 100_000; i++) {
    const id = `SHP-SAMPLE-${i}`;
    if (pred(expectedScore(id))) return id;
  }
  throw new Error('no id found');
}

const SELECTED = findId((s) => s < 0.05);
const NOT_SELECTED = findId((s) => s >= 0.05);
const HIGHEST = (() => {
  let best = '';
  let max = -1;
  for (let i = 0; i < 500; i++) {
    const id = `SHP-SAMPLE-${i}`;
    if (expectedScore(id) > max) [best, max] = [id, expectedScore(id)];
  }
  return best;
})();
const LOWEST = findId((s) => s < 0.001);

const standard = (shipmentId: string, aeo = false) =>
  aDeclaration({ shipmentId, items: [aStandardItem()], parties: { consignee: aCompanyConsignee({ aeo }) } });

describe('rule 8: random compliance sampling', () => {
  describe('samplingScore', () => {
    it.each(['SHP-ID-2026-000123', 'a', 'SHP:x.y_z-1', 'Ünïcødé-ship'])(
      'given %s, then it is the first 4 bytes of SHA-256 / 2^32',
      (id) => {
        expect(samplingScore(id)).toBe(expectedScore(id));
        expect(samplingScore(id)).toBeGreaterThanOrEqual(0);
        expect(samplingScore(id)).toBeLessThan(1);
      },
    );

    it('given "abc", then the known SHA-256 prefix ba7816bf gives the score', () => {
      expect(samplingScore('abc')).toBe(0xba7816bf / 2 ** 32);
    });
  });

  describe('given the default rate 0.05', () => {
    const policy = aPolicy();

    it(`when a STANDARD shipment's score is below the rate (${SELECTED}), then DOCUMENT_CHECK with RANDOM_COMPLIANCE_SAMPLE`, () => {
      const a = policy.assess(standard(SELECTED), NOW);
      expect(a.status).toBe('DOCUMENT_CHECK');
      expect(a.reasons.map((r) => r.code)).toEqual(['STANDARD_GOODS', 'RANDOM_COMPLIANCE_SAMPLE', 'OUTCOME_DOCUMENT_CHECK']);
      expect(a.reasons[1].ruleId).toBe('random-sampling');
    });

    it(`when the score is at or above the rate (${NOT_SELECTED}), then not sampled`, () => {
      expect(policy.assess(standard(NOT_SELECTED), NOW).status).toBe('PRE_CLEARED');
    });

    it('when the consignee is an AEO, then never sampled', () => {
      expect(policy.assess(standard(SELECTED, true), NOW).status).toBe('PRE_CLEARED');
    });

    it('when the shipment is CRITICAL or ESSENTIAL, then never sampled', () => {
      expect(policy.assess(aDeclaration({ shipmentId: SELECTED }), NOW).status).toBe('PRE_CLEARED');
      const essential = aDeclaration({ shipmentId: SELECTED, items: [aSyringeItem()] });
      expect(policy.assess(essential, NOW)).toMatchObject({ priority: 'ESSENTIAL', status: 'PRE_CLEARED' });
    });

    it('when many ids are scored, then about 5% are selected', () => {
      let n = 0;
      for (let i = 0; i < 20_000; i++) if (samplingScore(`SHP-RATE-${i}`) < 0.05) n++;
      expect(n / 20_000).toBeGreaterThan(0.04);
      expect(n / 20_000).toBeLessThan(0.06);
    });
  });

  it('given rate 0, then nothing is sampled, not even the lowest score', () => {
    const p = aPolicy({ document: documentWith({ 'random-sampling': { params: { rate: 0 } } }) });
    expect(p.assess(standard(LOWEST), NOW).status).toBe('PRE_CLEARED');
  });

  it('given rate 1, then every non-AEO STANDARD shipment is sampled, even the highest score', () => {
    const p = aPolicy({ document: documentWith({ 'random-sampling': { params: { rate: 1 } } }) });
    expect(p.assess(standard(HIGHEST), NOW).status).toBe('DOCUMENT_CHECK');
    expect(p.assess(standard(NOT_SELECTED), NOW).status).toBe('DOCUMENT_CHECK');
    expect(p.assess(standard(HIGHEST, true), NOW).status).toBe('PRE_CLEARED');
  });

  it('given exemptAeoConsignee false, then an AEO consignee can be sampled', () => {
    const p = aPolicy({ document: documentWith({ 'random-sampling': { params: { exemptAeoConsignee: false } } }) });
    expect(p.assess(standard(SELECTED, true), NOW).status).toBe('DOCUMENT_CHECK');
  });
});
