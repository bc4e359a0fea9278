import { utcDatePlusDays } from './expiry-before-arrival';

describe('utcDatePlusDays', () => {
  it.each([
    ['2026-04-07T08:00:00Z', 0, '2026-04-07'],
    ['2026-04-07T08:00:00.123z', 0, '2026-04-07'],
    ['2026-04-07T08:00:00+00:00', 0, '2026-04-07'],
    ['2026-04-07T23:30:00-05:00', 0, '2026-04-08'],
    ['2026-04-07T01:30:00+07:00', 0, '2026-04-06'],
    ['2026-04-07T08:00:00Z', 30, '2026-05-07'],
    ['2028-02-28T08:00:00Z', 1, '2028-02-29'],
    ['2026-12-31T23:59:59Z', 1, '2027-01-01'],
    ['2026-12-31T23:59:59+01:00', 1, '2027-01-01'],
  ])('given %s plus %d days, then %s', (time, days, expected) => {
    expect(utcDatePlusDays(time, days)).toBe(expected);
  });

  it('given an unreadable time, then null', () => {
    expect(utcDatePlusDays('tomorrow', 0)).toBeNull();
  });

  it('given many random UTC times and day counts, then it agrees with Date', () => {
    for (let i = 0; i < 2000; i++) {
      const ms = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 80 * 365 * 86_400_000);
      const days = Math.floor(Math.random() * 4000);
      const expected = new Date(Math.floor(ms / 86_400_000) * 86_400_000 + days * 86_400_000).toISOString().slice(0, 10);
      expect(utcDatePlusDays(new Date(ms).toISOString(), days)).toBe(expected);
    }
  });
});
