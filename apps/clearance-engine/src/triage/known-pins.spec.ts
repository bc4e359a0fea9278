import { KnownPins } from './known-pins';

describe('KnownPins', () => {
  it('given pins remembered, then each shipment is routed to its lane; an unknown one is not known', () => {
    const pins = new KnownPins();
    pins.remember(
      new Map([
        ['SHP-1', 'CRITICAL'],
        ['SHP-2', 'STANDARD'],
      ]),
    );
    expect(pins.get('SHP-1')).toBe('CRITICAL');
    expect(pins.get('SHP-2')).toBe('STANDARD');
    expect(pins.get('SHP-3')).toBeUndefined();
  });

  it('given more pins than it keeps, then the oldest are forgotten and the newest kept', () => {
    const pins = new KnownPins(2);
    pins.remember(new Map([['SHP-1', 'CRITICAL']]));
    pins.remember(new Map([['SHP-2', 'ESSENTIAL']]));
    pins.remember(new Map([['SHP-3', 'STANDARD']]));
    expect([pins.get('SHP-1'), pins.get('SHP-2'), pins.get('SHP-3')]).toEqual([undefined, 'ESSENTIAL', 'STANDARD']);
  });

  it('given a pin remembered again, then it counts as the newest', () => {
    const pins = new KnownPins(2);
    pins.remember(new Map([['SHP-1', 'CRITICAL']]));
    pins.remember(new Map([['SHP-2', 'ESSENTIAL']]));
    pins.remember(new Map([['SHP-1', 'CRITICAL']]));
    pins.remember(new Map([['SHP-3', 'STANDARD']]));
    expect([pins.get('SHP-1'), pins.get('SHP-2'), pins.get('SHP-3')]).toEqual(['CRITICAL', undefined, 'STANDARD']);
  });
});
