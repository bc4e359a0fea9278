import { examinationFound, examinationGateProblem, examinationStopsGoods } from './examinations';

describe('examination gate', () => {
  const none = { examinedSinceInspectionRequired: false, goodsStopped: false };

  it('given no result, when an inspected shipment is released, then the move is refused naming the examination', () => {
    expect(examinationGateProblem('INSPECTION_REQUIRED', 'RELEASED', none)).toMatch(/examination result/);
  });

  it('given a result, when an inspected shipment is released, then nothing stops it', () => {
    expect(examinationGateProblem('INSPECTION_REQUIRED', 'RELEASED', { ...none, examinedSinceInspectionRequired: true })).toBeNull();
  });

  it('given no result, when an inspected shipment is held, then nothing stops it', () => {
    expect(examinationGateProblem('INSPECTION_REQUIRED', 'HELD', none)).toBeNull();
  });

  it('given seized goods, when any move out of HELD is asked, then it is refused', () => {
    for (const to of ['RELEASED', 'INSPECTION_REQUIRED'] as const) {
      expect(examinationGateProblem('HELD', to, { examinedSinceInspectionRequired: true, goodsStopped: true })).toMatch(/stay HELD/);
    }
  });

  it('given a document check, when released without an examination, then the gate does not apply', () => {
    expect(examinationGateProblem('DOCUMENT_CHECK', 'RELEASED', none)).toBeNull();
  });

  it('given each outcome, then only FALSIFIED and SEIZED stop the goods and all but NO_FINDING are findings', () => {
    expect(['NO_FINDING', 'DISCREPANCY', 'FALSIFIED', 'SEIZED'].map((o) => examinationStopsGoods(o as never))).toEqual([
      false,
      false,
      true,
      true,
    ]);
    expect(['NO_FINDING', 'DISCREPANCY', 'FALSIFIED', 'SEIZED'].map((o) => examinationFound(o as never))).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });
});
