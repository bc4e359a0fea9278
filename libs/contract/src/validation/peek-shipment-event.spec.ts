import { aDeclaration, anArrival, anItem, aShipmentEvent, aStandardItem, toRecordValue } from '../testing';
import { peekShipmentEvent } from './peek-shipment-event';

const key = (id: string) => Buffer.from(id);

describe('peekShipmentEvent', () => {
  it('given a declaration, when peeked, then it names the shipment and every HS code', () => {
    const declaration = aDeclaration({
      shipmentId: 'SHP-P1',
      items: [anItem({ lineNo: 1, hsCode: '300241' }), aStandardItem({ lineNo: 2, hsCode: '8471300000' })],
    });
    const peek = peekShipmentEvent(toRecordValue(aShipmentEvent('customs.prearrival.amended', declaration)), key('SHP-P1'));
    expect(peek).toEqual({ shipmentId: 'SHP-P1', hsCodes: ['300241', '8471300000'] });
  });

  it('given an arrival, when peeked, then it names the shipment and no HS code', () => {
    const peek = peekShipmentEvent(toRecordValue(aShipmentEvent('customs.shipment.arrived', anArrival({ shipmentId: 'SHP-P2' }))), null);
    expect(peek).toEqual({ shipmentId: 'SHP-P2', hsCodes: [] });
  });

  it('given an invalid declaration, when peeked, then whatever is readable is used: string HS codes only', () => {
    const value = Buffer.from(
      JSON.stringify({
        type: 'customs.prearrival.submitted',
        subject: 'SHP-P3',
        data: { items: [{ hsCode: '300220' }, { hsCode: 300241 }, null, 'x'] },
      }),
    );
    expect(peekShipmentEvent(value, key('SHP-OTHER'))).toEqual({ shipmentId: 'SHP-P3', hsCodes: ['300220'] });
  });

  it('given HS codes on a record that is not a declaration, when peeked, then they are ignored', () => {
    const value = Buffer.from(
      JSON.stringify({ type: 'customs.shipment.arrived', data: { shipmentId: 'SHP-P4', items: [{ hsCode: '300241' }] } }),
    );
    expect(peekShipmentEvent(value, null)).toEqual({ shipmentId: 'SHP-P4', hsCodes: [] });
  });

  it.each([
    ['not JSON', Buffer.from('{"cut off')],
    ['a JSON array', Buffer.from('[1,2]')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0x7d])],
    ['a tombstone', null],
    ['over 256 KiB', Buffer.alloc(256 * 1024 + 1, 0x20)],
  ])('given %s, when peeked, then the key names the shipment', (_, value) => {
    expect(peekShipmentEvent(value, key('SHP-P5'))).toEqual({ shipmentId: 'SHP-P5', hsCodes: [] });
  });

  it('given a key that is not a shipment id and nothing readable, when peeked, then no shipment is named', () => {
    expect(peekShipmentEvent(Buffer.from('nope'), key('not a shipment id!'))).toEqual({ shipmentId: null, hsCodes: [] });
  });
});
