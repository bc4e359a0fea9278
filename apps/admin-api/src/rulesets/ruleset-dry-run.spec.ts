import { aCompanyConsignee, aDeclaration, aStandardItem } from '@app/contract/testing';
import { samplingScore } from '@app/policy';
import { aPolicy, documentWith, NOW } from '@app/policy/testing/policy.fixtures';
import { compareAssessments } from './ruleset-dry-run';

/** A STANDARD declaration to a non-AEO company; the ids are picked so the baseline rate (0.05) does not sample them. */
function standard(shipmentId: string) {
  return {
    shipmentId,
    declaration: aDeclaration({ shipmentId, items: [aStandardItem()], documents: [], parties: { consignee: aCompanyConsignee() } }),
  };
}

describe('compareAssessments', () => {
  const everySample = aPolicy({ version: 2, document: documentWith({ 'random-sampling': { params: { rate: 1 } } }) });

  it('given a candidate that samples every STANDARD shipment, then each unsampled one is a difference and the counts move', () => {
    const ids = ['SHP-DRY-A', 'SHP-DRY-B'];
    expect(ids.every((id) => samplingScore(id) >= 0.05)).toBe(true);
    const vaccine = { shipmentId: 'SHP-DRY-V', declaration: aDeclaration({ shipmentId: 'SHP-DRY-V' }) };

    const result = compareAssessments([...ids.map(standard), vaccine], aPolicy(), everySample, NOW);

    expect(result).toEqual({
      evaluated: 3,
      changed: 2,
      counts: {
        current: { PRE_CLEARED: 3, DOCUMENT_CHECK: 0, INSPECTION_REQUIRED: 0, HELD: 0 },
        candidate: { PRE_CLEARED: 1, DOCUMENT_CHECK: 2, INSPECTION_REQUIRED: 0, HELD: 0 },
      },
      differences: ids.map((shipmentId) => ({
        shipmentId,
        old: { status: 'PRE_CLEARED', priority: 'STANDARD', publicReasonCodes: ['STANDARD_GOODS', 'NO_RISK_FOUND'] },
        new: {
          status: 'DOCUMENT_CHECK',
          priority: 'STANDARD',
          publicReasonCodes: ['STANDARD_GOODS', 'RANDOM_COMPLIANCE_SAMPLE', 'OUTCOME_DOCUMENT_CHECK'],
        },
      })),
    });
  });

  it('given the same policy on both sides, then nothing differs', () => {
    const result = compareAssessments([standard('SHP-DRY-A')], everySample, everySample, NOW);
    expect(result).toMatchObject({ evaluated: 1, changed: 0, differences: [] });
  });

  it('given a candidate that makes a public rule internal, then the shipments whose reasons for the trade change are differences', () => {
    const vaccine = { shipmentId: 'SHP-DRY-V', declaration: aDeclaration({ shipmentId: 'SHP-DRY-V', documents: [] }) };
    const hidden = aPolicy({ version: 2, document: documentWith({ 'regulatory-authorisation': { disclosure: 'internal' } }) });

    const result = compareAssessments([vaccine, standard('SHP-DRY-A')], aPolicy(), hidden, NOW);

    expect(result.differences).toEqual([
      {
        shipmentId: 'SHP-DRY-V',
        old: {
          status: 'DOCUMENT_CHECK',
          priority: 'CRITICAL',
          publicReasonCodes: ['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'REGULATORY_AUTHORISATION_MISSING', 'OUTCOME_DOCUMENT_CHECK'],
        },
        new: {
          status: 'DOCUMENT_CHECK',
          priority: 'CRITICAL',
          publicReasonCodes: ['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'CUSTOMS_CONTROL', 'OUTCOME_DOCUMENT_CHECK'],
        },
      },
    ]);
  });

  it('given no shipments, then all counts are zero', () => {
    expect(compareAssessments([], aPolicy(), everySample, NOW).counts.candidate).toEqual({
      PRE_CLEARED: 0,
      DOCUMENT_CHECK: 0,
      INSPECTION_REQUIRED: 0,
      HELD: 0,
    });
  });
});
