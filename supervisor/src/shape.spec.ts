import { instancesOf, parseSystemShape } from './shape';

describe('parseSystemShape', () => {
  it('runs one of each by default', () => {
    expect(parseSystemShape([], {})).toEqual({ engines: 1, publishers: 1, adminApis: 1, deliveryWorkers: 1, probePortBase: null });
  });

  it('takes the counts from the environment, and the command line over it', () => {
    expect(parseSystemShape([], { START_ENGINES: '3', START_PUBLISHERS: '2' })).toMatchObject({ engines: 3, publishers: 2 });
    expect(parseSystemShape(['--engines', '4'], { START_ENGINES: '3', START_PUBLISHERS: '2' })).toMatchObject({
      engines: 4,
      publishers: 2,
    });
  });

  it.each([['0'], ['1.5'], ['two'], ['33']])('refuses %s engines, naming the option', (value) => {
    expect(() => parseSystemShape(['--engines', value], {})).toThrow(/--engines must be an integer from 1 to 32/);
    expect(() => parseSystemShape([], { START_PUBLISHERS: value })).toThrow(/START_PUBLISHERS must be an integer/);
    expect(() => parseSystemShape([`--engines=-${value}`], {})).toThrow(/--engines must be an integer/);
  });

  it('refuses unknown options with the usage', () => {
    expect(() => parseSystemShape(['--engine', '2'], {})).toThrow(/npm start -- \[--engines N\]/);
  });

  it('refuses a probe port base that leaves no room for every instance', () => {
    expect(() => parseSystemShape(['--engines', '2'], { PROBE_PORT: '65535' })).toThrow(/PROBE_PORT/);
  });
});

describe('instancesOf', () => {
  it('names several instances of an app by number and gives each engine and publisher its own probe port', () => {
    const instances = instancesOf(parseSystemShape(['--engines', '2', '--publishers', '2'], { PROBE_PORT: '9500' }));
    expect(instances.map((i) => [i.name, i.env.PROBE_PORT])).toEqual([
      ['clearance-engine#1', '9500'],
      ['clearance-engine#2', '9501'],
      ['status-publisher#1', '9502'],
      ['status-publisher#2', '9503'],
      ['admin-api', undefined],
      ['trade-delivery', undefined],
    ]);
  });

  it('keeps the plain app name when there is one instance, and sets no probe port unless asked', () => {
    expect(instancesOf(parseSystemShape([], {})).map((i) => [i.name, i.env])).toEqual([
      ['clearance-engine', {}],
      ['status-publisher', {}],
      ['admin-api', {}],
      ['trade-delivery', {}],
    ]);
  });

  it('runs as many webhook delivery workers as asked', () => {
    const names = instancesOf(parseSystemShape(['--delivery-workers', '2'], {})).map((i) => i.name);
    expect(names.filter((n) => n.startsWith('trade-delivery'))).toEqual(['trade-delivery#1', 'trade-delivery#2']);
  });
});
