import { parseDemoArgs } from './args';

describe('parseDemoArgs', () => {
  it('defaults to 50 events/s until Ctrl-C', () => {
    expect(parseDemoArgs([])).toEqual({ rate: 50, seed: 20260407, durationSeconds: null });
  });

  it('reads --rate, --seed and --duration, also as --name=value', () => {
    expect(parseDemoArgs(['--rate', '40', '--seed=3', '--duration', '20'])).toEqual({ rate: 40, seed: 3, durationSeconds: 20 });
    expect(parseDemoArgs(['--rate', '0.5']).rate).toBe(0.5);
  });

  it('refuses bad values and unknown options with the usage', () => {
    expect(() => parseDemoArgs(['--rate', '0'])).toThrow(/--rate needs a number >= 0.1/);
    expect(() => parseDemoArgs(['--seed', '1.5'])).toThrow(/--seed needs an integer/);
    expect(() => parseDemoArgs(['--duration', 'x'])).toThrow(/--duration/);
    expect(() => parseDemoArgs(['--events', '3'])).toThrow(/npm run demo/);
  });
});
