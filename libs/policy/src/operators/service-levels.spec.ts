import { DEFAULT_SERVICE_LEVELS, parseServiceLevels, serviceLevelFor, serviceLevelStanding } from './service-levels';

describe('service levels', () => {
  it('given the default, when parsed, then only CRITICAL cold-chain goods have a 60-minute target', () => {
    const { thresholds, problems } = parseServiceLevels(DEFAULT_SERVICE_LEVELS);
    expect(problems).toEqual([]);
    expect(serviceLevelFor(thresholds, 'CRITICAL', true)?.minutes).toBe(60);
    expect(serviceLevelFor(thresholds, 'CRITICAL', false)).toBeNull();
    expect(serviceLevelFor(thresholds, 'ESSENTIAL', true)).toBeNull();
  });

  it('given an exact cold-chain entry and a whole-priority one, then the exact one wins and the other covers the rest', () => {
    const { thresholds } = parseServiceLevels('critical+cold=60, CRITICAL=240, ESSENTIAL-COLD=480');
    expect(serviceLevelFor(thresholds, 'CRITICAL', true)?.minutes).toBe(60);
    expect(serviceLevelFor(thresholds, 'CRITICAL', false)?.minutes).toBe(240);
    expect(serviceLevelFor(thresholds, 'ESSENTIAL', false)?.minutes).toBe(480);
    expect(serviceLevelFor(thresholds, 'ESSENTIAL', true)).toBeNull();
  });

  it('given none, then there is no target; given bad entries, then each is named', () => {
    expect(parseServiceLevels('none')).toEqual({ thresholds: [], problems: [] });
    const { problems } = parseServiceLevels('URGENT=5,CRITICAL=0,CRITICAL+COLD=60,CRITICAL+COLD=30,STANDARD=ten');
    expect(problems).toHaveLength(4);
    expect(problems.join(' ')).toMatch(/URGENT.*CRITICAL=0.*given twice.*STANDARD=TEN/);
  });

  it('given a shipment with a target, then it is not arrived, on time up to the due minute, and breached after', () => {
    const { thresholds } = parseServiceLevels('CRITICAL+COLD=60');
    const arrivedAt = new Date('2026-04-07T08:00:00Z');
    const vaccine = { priority: 'CRITICAL' as const, coldChain: true };
    expect(serviceLevelStanding(thresholds, { ...vaccine, arrivedAt: null }, arrivedAt).state).toBe('NOT_ARRIVED');
    const due = serviceLevelStanding(thresholds, { ...vaccine, arrivedAt }, new Date('2026-04-07T09:00:00Z'));
    expect(due).toEqual({ state: 'ON_TIME', thresholdMinutes: 60, dueAt: new Date('2026-04-07T09:00:00Z') });
    expect(serviceLevelStanding(thresholds, { ...vaccine, arrivedAt }, new Date('2026-04-07T09:00:00.001Z')).state).toBe('BREACHED');
    expect(serviceLevelStanding(thresholds, { priority: 'STANDARD', coldChain: false, arrivedAt }, arrivedAt).state).toBe('NO_TARGET');
  });
});
