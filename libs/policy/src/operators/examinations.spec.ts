import type { ClearanceStatus } from '@app/contract/clearance-status';
import { type ExaminationFacts, examinationFound, examinationGate, examinationStopsGoods } from './examinations';

describe('examination gate', () => {
  const settled: ExaminationFacts = { inspectionOwed: false, goodsStopped: false };
  const owed: ExaminationFacts = { inspectionOwed: true, goodsStopped: false };
  const stopped: ExaminationFacts = { inspectionOwed: false, goodsStopped: true };
  const move = (from: ClearanceStatus, to: ClearanceStatus, waiveInspection = false) => ({ from, to, waiveInspection });

  describe('given an inspection owed (sent to INSPECTION_REQUIRED, no result since)', () => {
    it('when an officer releases it from INSPECTION_REQUIRED, then the move is refused naming the examination and the waiver', () => {
      expect(examinationGate(move('INSPECTION_REQUIRED', 'RELEASED'), owed)).toEqual({
        allowed: false,
        problem: expect.stringMatching(
          /^INSPECTION_REQUIRED -> RELEASED needs an examination result: .*waiveInspection: true, with the reason/,
        ),
      });
    });

    it.each([
      ['HELD', 'RELEASED'],
      ['DOCUMENT_CHECK', 'RELEASED'],
      ['DOCUMENT_CHECK', 'PRE_CLEARED'],
    ] as const)('when an officer lets it go by way of another status (%s -> %s), then the move is refused too', (from, to) => {
      expect(examinationGate(move(from, to), owed)).toEqual({
        allowed: false,
        problem: expect.stringMatching(/sent to INSPECTION_REQUIRED and has no examination result since/),
      });
    });

    it.each([
      ['INSPECTION_REQUIRED', 'RELEASED'],
      ['HELD', 'RELEASED'],
      ['DOCUMENT_CHECK', 'PRE_CLEARED'],
    ] as const)('when an officer releases it (%s -> %s) waiving the inspection, then the move goes ahead as a waiver', (from, to) => {
      expect(examinationGate(move(from, to, true), owed)).toEqual({ allowed: true, inspectionWaived: true });
    });

    it.each([
      ['INSPECTION_REQUIRED', 'HELD'],
      ['HELD', 'INSPECTION_REQUIRED'],
    ] as const)('when an officer moves it without letting it go (%s -> %s), then nothing stops it and nothing is waived', (from, to) => {
      expect(examinationGate(move(from, to), owed)).toEqual({ allowed: true, inspectionWaived: false });
    });

    it('when an officer waives the inspection on a move that does not let the goods go, then the waiver is refused', () => {
      expect(examinationGate(move('INSPECTION_REQUIRED', 'HELD', true), owed)).toEqual({
        allowed: false,
        problem: expect.stringMatching(/nothing to waive/),
      });
    });
  });

  describe('given no inspection owed (a result recorded, or never sent to inspection)', () => {
    it.each([
      ['INSPECTION_REQUIRED', 'RELEASED'],
      ['HELD', 'RELEASED'],
      ['DOCUMENT_CHECK', 'RELEASED'],
      ['DOCUMENT_CHECK', 'PRE_CLEARED'],
    ] as const)('when an officer releases it (%s -> %s), then nothing stops it', (from, to) => {
      expect(examinationGate(move(from, to), settled)).toEqual({ allowed: true, inspectionWaived: false });
    });

    it('when an officer asks to waive an inspection, then it is refused: a recorded waiver always waived something', () => {
      expect(examinationGate(move('DOCUMENT_CHECK', 'RELEASED', true), settled)).toEqual({
        allowed: false,
        problem: expect.stringMatching(/^waiveInspection: no inspection is owed/),
      });
    });
  });

  describe('given goods an examination found falsified or seized', () => {
    it.each([false, true])('when any move out of HELD is asked (waiveInspection %s), then it is refused: they stay HELD', (waive) => {
      for (const to of ['RELEASED', 'INSPECTION_REQUIRED'] as const) {
        expect(examinationGate(move('HELD', to, waive), stopped)).toEqual({ allowed: false, problem: expect.stringMatching(/stay HELD/) });
        expect(examinationGate(move('HELD', to, waive), { ...stopped, inspectionOwed: true })).toMatchObject({ allowed: false });
      }
    });
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
