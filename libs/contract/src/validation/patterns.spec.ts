import { SHIPMENT_ID_PATTERN, isCalendarDate, isCountryCode, isCurrencyCode, isRfc3339DateTime } from './patterns';

describe('format checks', () => {
  it.each([
    '2026-04-07T08:00:00Z',
    '2026-04-07T15:00:00+07:00',
    '2026-04-07T03:30:00-04:30',
    '2026-04-07T08:00:00.5Z',
    '2026-04-07T08:00:00.123456789Z',
    '2024-02-29T00:00:00Z',
  ])('given %s, when checked as RFC 3339, then it is accepted', (value) => {
    expect(isRfc3339DateTime(value)).toBe(true);
  });

  it.each([
    '2026-04-07',
    '2026-04-07T08:00Z',
    '2026-04-07T08:00:00',
    '2026-04-07 08:00:00Z',
    '2026-04-07t08:00:00z',
    '2026-04-07T08:00:60Z',
    '2026-04-07T08:00:00+24:00',
    '2026-04-07T08:00:00+0700',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    ' 2026-04-07T08:00:00Z',
    '2026-04-07T08:00:00Z\n',
    '+02026-04-07T08:00:00Z',
  ])('given %j, when checked as RFC 3339, then it is rejected', (value) => {
    expect(isRfc3339DateTime(value)).toBe(false);
  });

  it('given calendar dates, when checked, then only existing YYYY-MM-DD dates pass', () => {
    expect(['2027-01-31', '2028-02-29', '2000-02-29'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2027-1-31', '2100-02-29', '2027-00-10', '2027-01-32', '20270131', 20270131].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('given codes, when checked, then only upper-case assigned ISO codes pass', () => {
    expect(['BE', 'ID', 'GB'].map(isCountryCode)).toEqual([true, true, true]);
    expect(['be', 'XX', 'UK', 'EU', 'BEL', ''].map(isCountryCode)).toEqual([false, false, false, false, false, false]);
    expect(['EUR', 'IDR', 'USD'].map(isCurrencyCode)).toEqual([true, true, true]);
    expect(['eur', 'XYZ', 'EU', 'EURO'].map(isCurrencyCode)).toEqual([false, false, false, false]);
  });

  it('given shipment ids, when matched, then 1-64 characters of [A-Za-z0-9._:-] pass', () => {
    expect(['SHP-ID-2026-000123', 'a', 'x'.repeat(64), 'urn:shp:1.2_3'].every((id) => SHIPMENT_ID_PATTERN.test(id))).toBe(true);
    expect(['', 'x'.repeat(65), 'SHP 1', 'SHP/1', 'ŠHP', 'SHP-1\n'].some((id) => SHIPMENT_ID_PATTERN.test(id))).toBe(false);
  });
});
