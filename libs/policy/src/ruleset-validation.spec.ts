import { DEFAULT_RULESET_DOCUMENT } from './default-ruleset';
import { type RulesetValidationError, validateRulesetDocument } from './ruleset-validation';
import { documentWith } from './testing/policy.fixtures';

function errorsOf(doc: unknown): RulesetValidationError[] {
  const r = validateRulesetDocument(doc);
  if (r.ok) throw new Error('expected the document to be invalid');
  return r.errors;
}

describe('validateRulesetDocument', () => {
  it.each([null, 'rules', 42, []])('given %j, then one error at the document root', (doc) => {
    expect(errorsOf(doc)).toEqual([{ path: '', message: expect.stringContaining('must be an object with a rules array') }]);
  });

  it('given no rules array, then an error at rules', () => {
    expect(errorsOf({ description: 'x' })).toEqual([{ path: 'rules', message: expect.stringContaining('must be an array') }]);
  });

  it('given an unknown top-level field, then it is named', () => {
    expect(errorsOf({ ...DEFAULT_RULESET_DOCUMENT, version: 2 })).toEqual([
      { path: 'version', message: expect.stringContaining('unknown field') },
    ]);
  });

  it("given rules without a disclosure, then each gets its kind's default (watchlist and falsified-medicine internal)", () => {
    const r = validateRulesetDocument(DEFAULT_RULESET_DOCUMENT);
    if (!r.ok) throw new Error('the default document must be valid');
    expect(Object.fromEntries(r.document.rules.map((rule) => [rule.id, rule.disclosure]))).toEqual({
      'classify-priority': 'public',
      'cold-chain': 'public',
      'regulatory-authorisation': 'public',
      'falsified-medicine-indicators': 'internal',
      'expiry-before-arrival': 'public',
      watchlist: 'internal',
      'preferential-origin-proof': 'public',
      'random-sampling': 'public',
    });
  });

  it('given a disclosure other than public or internal, then it is named', () => {
    const doc = documentWith({ watchlist: { disclosure: 'secret' as never } });
    expect(errorsOf(doc)).toEqual([{ path: 'rules[5].disclosure', message: expect.stringContaining('must be public, internal') }]);
  });

  it('given an unknown rule kind, then the allowed kinds are listed', () => {
    const doc = documentWith();
    doc.rules.push({ id: 'x', kind: 'MAGIC' as never, enabled: true, outcome: 'HELD', params: {} });
    expect(errorsOf(doc)).toEqual([
      {
        path: 'rules[8].kind',
        message: expect.stringMatching(/must be one of PRIORITY_CLASSIFICATION, .*RANDOM_SAMPLING, got the string "MAGIC"/),
      },
    ]);
  });

  it('given duplicate rule ids, then the second is reported with the first position', () => {
    const doc = documentWith();
    doc.rules[3].id = 'watchlist';
    expect(errorsOf(doc)).toEqual([{ path: 'rules[5].id', message: "duplicate rule id 'watchlist' (also rules[3])" }]);
  });

  it('given a reserved or malformed id, then it is rejected', () => {
    const doc = documentWith();
    doc.rules[2].id = 'severity-order';
    doc.rules[3].id = 'has space';
    const errs = errorsOf(doc);
    expect(errs).toContainEqual({ path: 'rules[2].id', message: expect.stringContaining('reserved') });
    expect(errs).toContainEqual({ path: 'rules[3].id', message: expect.stringContaining('1-64 letters') });
  });

  it.each(['pre-clearance', 'severity-order', 'validation', 'lifecycle', 'operator', 'customs-control'])(
    "given a rule named %s, the id of one of the backend's own reasons, then it is reserved",
    (id) => {
      const doc = documentWith();
      doc.rules[6].id = id;
      expect(errorsOf(doc)).toEqual([
        { path: 'rules[6].id', message: expect.stringMatching(new RegExp(`^'${id}' is reserved .*customs-control`)) },
      ]);
    },
  );

  it.each([
    [1.5, 'must be between 0 and 1, got 1.5'],
    [-0.1, 'must be between 0 and 1, got -0.1'],
    ['0.05', 'must be a number, got the string "0.05"'],
    [null, 'must be a number, got null'],
  ])('given sampling rate %j, then "%s"', (rate, message) => {
    expect(errorsOf(documentWith({ 'random-sampling': { params: { rate } } }))).toEqual([{ path: 'rules[7].params.rate', message }]);
  });

  it('given sampling of CRITICAL shipments, then rejected with the reason the contract gives', () => {
    expect(errorsOf(documentWith({ 'random-sampling': { params: { priorities: ['STANDARD', 'CRITICAL'] } } }))).toEqual([
      { path: 'rules[7].params.priorities[1]', message: expect.stringContaining('never randomly sampled') },
    ]);
  });

  it('given an unknown outcome, then the allowed outcomes are listed', () => {
    expect(errorsOf(documentWith({ watchlist: { outcome: 'BLOCKED' as never } }))).toEqual([
      {
        path: 'rules[5].outcome',
        message: expect.stringContaining('must be one of PRE_CLEARED, DOCUMENT_CHECK, INSPECTION_REQUIRED, HELD'),
      },
    ]);
  });

  it('given a deciding rule without outcome, then an error at outcome', () => {
    const doc = documentWith();
    delete doc.rules[4].outcome;
    expect(errorsOf(doc)).toEqual([{ path: 'rules[4].outcome', message: expect.stringContaining('got undefined') }]);
  });

  it('given an unknown reference list name, then the known names are listed', () => {
    expect(errorsOf(documentWith({ 'classify-priority': { params: { criticalList: 'vaccines' } } }))).toEqual([
      {
        path: 'rules[0].params.criticalList',
        message: expect.stringContaining('one of critical-hs-codes, essential-hs-codes, authorized-manufacturers'),
      },
    ]);
  });

  it('given an unknown parameter, then the allowed parameters are listed', () => {
    expect(errorsOf(documentWith({ 'cold-chain': { params: { maxTemp: 8 } } }))).toEqual([
      {
        path: 'rules[1].params.maxTemp',
        message: expect.stringContaining('allowed: maxStorageTempC, unNumbers, controlledInspectionStatuses'),
      },
    ]);
  });

  it('given a missing required parameter, then it is named', () => {
    const doc = documentWith();
    delete doc.rules[2].params.hsPrefixes;
    expect(errorsOf(doc)).toEqual([{ path: 'rules[2].params.hsPrefixes', message: 'is required for REGULATORY_AUTHORISATION' }]);
  });

  it('given bad array values, then each is reported at its index', () => {
    const errs = errorsOf(
      documentWith({
        'regulatory-authorisation': {
          params: { hsPrefixes: ['3002', '30.02', 'abc', '3'], acceptedDocuments: ['PASSPORT'], priorities: [] },
        },
        'cold-chain': { params: { unNumbers: ['1845'] } },
        'falsified-medicine-indicators': { params: { riskyChannels: 'POSTAL' } },
      }),
    );
    expect(errs).toEqual(
      expect.arrayContaining([
        { path: 'rules[2].params.hsPrefixes[1]', message: 'duplicate value the string "30.02"' },
        { path: 'rules[2].params.hsPrefixes[2]', message: expect.stringContaining('HS code prefix of 2 to 10 digits') },
        { path: 'rules[2].params.hsPrefixes[3]', message: expect.stringContaining('HS code prefix of 2 to 10 digits') },
        { path: 'rules[2].params.acceptedDocuments[0]', message: expect.stringContaining('must be one of IMPORT_AUTHORIZATION') },
        { path: 'rules[2].params.priorities', message: 'must have at least 1 value(s)' },
        { path: 'rules[1].params.unNumbers[0]', message: 'must be a UN number like UN1845, got the string "1845"' },
        { path: 'rules[3].params.riskyChannels', message: 'must be an array, got the string "POSTAL"' },
      ]),
    );
    expect(errs).toHaveLength(7);
  });

  it('given a fractional minimum shelf life, then it must be whole', () => {
    expect(errorsOf(documentWith({ 'expiry-before-arrival': { params: { minShelfLifeDays: 1.5 } } }))).toEqual([
      { path: 'rules[4].params.minShelfLifeDays', message: 'must be a whole number, got 1.5' },
    ]);
  });

  it('given classification rules disabled, missing, duplicated or with an outcome, then each is an error', () => {
    expect(errorsOf(documentWith({ 'classify-priority': { enabled: false } }))).toEqual([
      { path: 'rules[0].enabled', message: 'PRIORITY_CLASSIFICATION cannot be disabled: every decision needs it' },
    ]);
    expect(errorsOf(documentWith({ 'cold-chain': { outcome: 'HELD' } }))).toEqual([
      { path: 'rules[1].outcome', message: expect.stringContaining('has no outcome') },
    ]);
    const missing = documentWith();
    missing.rules.splice(1, 1);
    expect(errorsOf(missing)).toEqual([{ path: 'rules', message: 'must contain exactly one COLD_CHAIN rule, found 0' }]);
    const twice = documentWith();
    twice.rules.push({ ...twice.rules[0], id: 'classify-again' });
    expect(errorsOf(twice)).toEqual([{ path: 'rules', message: 'must contain exactly one PRIORITY_CLASSIFICATION rule, found 2' }]);
  });

  it('given a rule that is not an object or has an unknown field, then it is reported', () => {
    const doc = documentWith() as unknown as { rules: unknown[] };
    doc.rules.push('oops');
    (doc.rules[2] as Record<string, unknown>).severity = 3;
    const errs = errorsOf(doc);
    expect(errs).toContainEqual({ path: 'rules[8]', message: expect.stringContaining('must be a rule object') });
    expect(errs).toContainEqual({ path: 'rules[2].severity', message: expect.stringContaining('unknown field') });
  });

  it('given optional parameters left out, then defaults are filled in the returned document', () => {
    const doc = documentWith();
    delete doc.rules[4].params.minShelfLifeDays;
    delete doc.rules[5].params.kinds;
    delete doc.rules[7].params.exemptAeoConsignee;
    const r = validateRulesetDocument(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.document.rules[4].params).toEqual({ minShelfLifeDays: 0 });
    expect(r.document.rules[5].params).toEqual({ kinds: ['PARTY', 'MANUFACTURER', 'ORIGIN_COUNTRY'] });
    expect(r.document.rules[7].params.exemptAeoConsignee).toBe(true);
  });

  it('given a second instance of a deciding kind with its own id, then it is valid', () => {
    const doc = documentWith();
    doc.rules.push({
      id: 'syringes-need-authorisation',
      kind: 'REGULATORY_AUTHORISATION',
      enabled: true,
      outcome: 'DOCUMENT_CHECK',
      params: { priorities: ['ESSENTIAL'], hsPrefixes: ['9018.31'], acceptedDocuments: ['IMPORT_AUTHORIZATION'] },
    });
    expect(validateRulesetDocument(doc).ok).toBe(true);
  });

  it('given a valid document, then the returned copy does not share arrays with the input', () => {
    const doc = documentWith();
    const r = validateRulesetDocument(doc);
    if (!r.ok) throw new Error('invalid');
    (doc.rules[2].params.hsPrefixes as string[]).push('9999');
    expect(r.document.rules[2].params.hsPrefixes).toEqual(['3002', '3004']);
  });
});
