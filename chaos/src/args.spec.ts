import { parseChaosArgs } from './args';

describe('parseChaosArgs', () => {
  it('has defaults, and a small load for CI', () => {
    expect(parseChaosArgs([])).toEqual({ rate: 20, pauseSeconds: 25, settleSeconds: 10, out: null });
    expect(parseChaosArgs(['--ci', '--out', 'r.json'])).toEqual({ rate: 5, pauseSeconds: 25, settleSeconds: 3, out: 'r.json' });
  });

  it('refuses a pause the session timeout would not notice, naming the option', () => {
    expect(() => parseChaosArgs(['--pause-seconds', '10'])).toThrow(/--pause-seconds needs a number >= 16/);
  });

  it('refuses unknown options with the usage', () => {
    expect(() => parseChaosArgs(['--fast'])).toThrow(/npm run chaos -- \[--ci\]/);
  });
});
