import { accountPhases, formatPhaseTable } from './phases';

describe('accountPhases', () => {
  const expected = [
    { phase: 0, shipment: { shipmentId: 'A', versions: 3, finalStatus: 'RELEASED' } },
    { phase: 1, shipment: { shipmentId: 'B', versions: 3, finalStatus: 'RELEASED' } },
    { phase: 1, shipment: { shipmentId: 'P', versions: 1, finalStatus: 'PRE_CLEARED' } },
  ];
  const v = (shipmentId: string, version: number, status: string) => ({
    shipmentId,
    version,
    status,
    causationId: `${shipmentId}${version}`,
  });

  it("accounts each phase's shipments on their own, with the events they took", () => {
    const received = [
      v('A', 1, 'PRE_CLEARED'),
      v('A', 2, 'PRE_CLEARED'),
      v('A', 3, 'RELEASED'),
      v('B', 1, 'PRE_CLEARED'),
      v('B', 1, 'PRE_CLEARED'),
      v('P', 1, 'PRE_CLEARED'),
    ];
    const reports = accountPhases(
      [
        { name: 'no fault', recoverySeconds: null },
        { name: 'SIGKILL engine', recoverySeconds: 4.25 },
      ],
      expected,
      received,
      (s) => s.versions,
    );
    expect(reports.map((r) => [r.phase, r.eventsSent, r.statusesExpected, r.statusesReceived, r.lost, r.duplicated])).toEqual([
      ['no fault', 3, 3, 3, 0, 0],
      ['SIGKILL engine', 4, 4, 3, 2, 1],
    ]);
    expect(formatPhaseTable(reports).split('\n')).toEqual([
      '| fault | events sent | statuses expected | received | lost | duplicated | conflicting | out of order | recovery (s) |',
      '|---|---|---|---|---|---|---|---|---|',
      '| no fault | 3 | 3 | 3 | 0 | 0 | 0 | 0 | - |',
      '| SIGKILL engine | 4 | 4 | 3 | 2 | 1 | 0 | 0 | 4.3 |',
    ]);
  });
});
