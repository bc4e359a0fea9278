import { account, isClean, type ReceivedStatus } from './accounting';

const s = (shipmentId: string, version: number, status = 'PRE_CLEARED', causationId = `evt-${shipmentId}-${version}`): ReceivedStatus => ({
  shipmentId,
  version,
  status,
  causationId,
});

const twoShipments = [
  { shipmentId: 'A', versions: 2, finalStatus: 'RELEASED' },
  { shipmentId: 'B', versions: 1, finalStatus: 'PRE_CLEARED' },
];

describe('account', () => {
  it('counts a complete, ordered run as clean', () => {
    const a = account(twoShipments, [s('A', 1), s('B', 1), s('A', 2, 'RELEASED')], 3);
    expect(a).toMatchObject({
      shipments: 2,
      eventsSent: 3,
      statusesExpected: 3,
      statusesReceived: 3,
      lost: 0,
      duplicated: 0,
      conflicting: 0,
    });
    expect(isClean(a)).toBe(true);
  });

  it('counts a redelivery of the same content as a duplicate, which is still clean, also when an earlier version comes again later', () => {
    const a = account(twoShipments, [s('A', 1), s('A', 2, 'RELEASED'), s('A', 1), s('A', 2, 'RELEASED'), s('B', 1)], 5);
    expect(a).toMatchObject({ statusesReceived: 5, duplicated: 2, outOfOrder: 0 });
    expect(isClean(a)).toBe(true);
  });

  it('counts a version never received as lost', () => {
    const a = account(twoShipments, [s('A', 2, 'RELEASED')], 3);
    expect(a).toMatchObject({ lost: 2 });
    expect(a.examples).toEqual(expect.arrayContaining(['A: version 1 of 2 never received', 'B: version 1 of 1 never received']));
    expect(isClean(a)).toBe(false);
  });

  it('counts one version received with two different decisions as a conflict, once per version', () => {
    const a = account(twoShipments, [s('A', 1), s('A', 1, 'DOCUMENT_CHECK'), s('A', 1, 'HELD'), s('A', 2, 'RELEASED'), s('B', 1)], 5);
    expect(a).toMatchObject({ conflicting: 1, duplicated: 0 });
    expect(isClean(a)).toBe(false);
  });

  it('counts the same status from another cause as a conflict too', () => {
    const a = account(twoShipments, [s('A', 1), s('A', 1, 'PRE_CLEARED', 'evt-other'), s('A', 2, 'RELEASED'), s('B', 1)], 3);
    expect(a.conflicting).toBe(1);
  });

  it('counts a shipment whose versions first arrive out of order', () => {
    const a = account(twoShipments, [s('A', 2, 'RELEASED'), s('A', 1), s('B', 1)], 3);
    expect(a).toMatchObject({ outOfOrder: 1, lost: 0 });
    expect(isClean(a)).toBe(false);
  });

  it('counts versions beyond those expected and a wrong final status', () => {
    const a = account(twoShipments, [s('A', 1), s('A', 2, 'HELD'), s('A', 3), s('B', 1)], 3);
    expect(a).toMatchObject({ unexpected: 1, wrongFinalStatus: 1 });
  });

  it('ignores statuses of shipments it was not told about (another run on the same topic)', () => {
    const a = account(twoShipments, [s('A', 1), s('A', 2, 'RELEASED'), s('B', 1), s('Z', 1)], 3);
    expect(a.statusesReceived).toBe(3);
    expect(isClean(a)).toBe(true);
  });
});
