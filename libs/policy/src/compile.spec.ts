import { type Declaration } from '@app/contract/declaration';
import {
  aCompanyConsignee,
  aDeclaration,
  aDocument,
  aDryIceItem,
  aGovernmentConsignee,
  aPrivateConsignee,
  aStandardItem,
  aSyringeItem,
  anItem,
} from '@app/contract/testing';
import { NOW, aPolicy, aWatchlistEntry, documentWith } from './testing/policy.fixtures';
import { samplingScore } from './rules/random-sampling';
import { type Assessment, type WatchlistEntry, type WatchlistKind } from './types';

const policy = aPolicy();
const codes = (a: Assessment) => a.reasons.map((r) => r.code);
/** A shipment id that random sampling at 5% does not select, so STANDARD tests are deterministic. */
const UNSAMPLED_ID = (() => {
  for (let i = 0; ; i++) if (samplingScore(`SHP-UNSAMPLED-${i}`) >= 0.5) return `SHP-UNSAMPLED-${i}`;
})();

function assess(d: Declaration, p = policy): Assessment {
  return p.assess(d, NOW);
}

describe('compiled default policy', () => {
  describe('given a well-documented CRITICAL vaccine shipment to a ministry of health', () => {
    it('when assessed, then it is PRE_CLEARED, CRITICAL, cold chain, with priority, cold chain and NO_RISK_FOUND reasons', () => {
      const a = assess(aDeclaration());
      expect(a.status).toBe('PRE_CLEARED');
      expect(a.priority).toBe('CRITICAL');
      expect(a.coldChain).toBe(true);
      expect(a.rulesetVersion).toBe(1);
      expect(codes(a)).toEqual(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'NO_RISK_FOUND']);
      expect(a.reasons[0].ruleId).toBe('classify-priority');
      expect(a.reasons[1].ruleId).toBe('cold-chain');
      expect(a.reasons[2].ruleId).toBe('pre-clearance');
      for (const r of a.reasons) expect(r.message.length).toBeGreaterThan(10);
    });

    it('when compiled with ruleset version 7, then the assessment records version 7', () => {
      expect(assess(aDeclaration(), aPolicy({ version: 7 })).rulesetVersion).toBe(7);
    });
  });

  describe('rule 1: priority classification', () => {
    it('given a vaccine under 3002.41, then CRITICAL naming the line and HS code', () => {
      const a = assess(aDeclaration({ items: [anItem({ lineNo: 4, hsCode: '30024100' })] }));
      expect(a.priority).toBe('CRITICAL');
      expect(a.reasons[0]).toMatchObject({ code: 'CRITICAL_MEDICAL_GOODS', ruleId: 'classify-priority' });
      expect(a.reasons[0].message).toContain('line 4 (HS 30024100)');
    });

    it.each(['300220', '300212', '300213', '300214', '300215'])('given HS %s (critical list, dots in the list), then CRITICAL', (hs) => {
      expect(assess(aDeclaration({ items: [anItem({ hsCode: hs })] })).priority).toBe('CRITICAL');
    });

    it.each(['300490', '382219', '382100', '701010', '701090', '901831', '901832', '281121', '841850', '841869'])(
      'given HS %s (essential list), then ESSENTIAL',
      (hs) => {
        const a = assess(aDeclaration({ items: [anItem({ hsCode: hs, storageTemperature: undefined })] }));
        expect(a.priority).toBe('ESSENTIAL');
        expect(a.reasons[0].code).toBe('ESSENTIAL_MEDICAL_SUPPLIES');
        expect(a.reasons[0].message).toContain(`HS ${hs}`);
      },
    );

    it('given only non-medical goods, then STANDARD with a STANDARD_GOODS reason', () => {
      const a = assess(aDeclaration({ shipmentId: UNSAMPLED_ID, items: [aStandardItem()] }));
      expect(a.priority).toBe('STANDARD');
      expect(a.reasons[0]).toMatchObject({ code: 'STANDARD_GOODS', ruleId: 'classify-priority' });
      expect(a.status).toBe('PRE_CLEARED');
    });

    it('given syringes, laptops and a vaccine, then the shipment takes the highest priority and the reason names only the critical line', () => {
      const a = assess(
        aDeclaration({
          items: [aStandardItem({ lineNo: 1 }), aSyringeItem({ lineNo: 2 }), anItem({ lineNo: 3, hsCode: '300241' })],
        }),
      );
      expect(a.priority).toBe('CRITICAL');
      expect(a.reasons[0].message).toContain('line 3 (HS 300241)');
      expect(a.reasons[0].message).not.toContain('line 2');
    });

    it('given a list written with dots and spaces, when compiled, then prefixes match undotted item codes', () => {
      const p = aPolicy({
        lists: {
          'critical-hs-codes': ['9018.31'],
          'essential-hs-codes': ['8471 30'],
          'authorized-manufacturers': ['Acme Syringes'],
          'arrival-sources': [],
        },
      });
      expect(
        assess(aDeclaration({ items: [anItem({ hsCode: '9018310000', manufacturer: { name: 'ACME syringes', country: 'DE' } })] }), p)
          .priority,
      ).toBe('CRITICAL');
      expect(assess(aDeclaration({ shipmentId: UNSAMPLED_ID, items: [aStandardItem({ hsCode: '847130' })] }), p).priority).toBe(
        'ESSENTIAL',
      );
    });

    it('given a 3002 code not on any list, then STANDARD', () => {
      expect(assess(aDeclaration({ shipmentId: UNSAMPLED_ID, items: [anItem({ hsCode: '300290' })] })).priority).toBe('STANDARD');
    });

    it('given bare HS codes (the triage has no validated declaration), when prioritised, then the same priority as an assessment', () => {
      expect(policy.priorityOf(['847130', '901831', '300241'])).toBe('CRITICAL');
      expect(policy.priorityOf(['847130', '9018310000'])).toBe('ESSENTIAL');
      expect(policy.priorityOf(['847130'])).toBe('STANDARD');
      expect(policy.priorityOf([])).toBe('STANDARD');
    });
  });

  describe('rule 2: cold chain', () => {
    it('given an item stored at max 8 °C, then coldChain with a COLD_CHAIN reason', () => {
      const a = assess(aDeclaration({ items: [anItem({ storageTemperature: { minC: 2, maxC: 8 } })] }));
      expect(a.coldChain).toBe(true);
      expect(a.reasons[1]).toMatchObject({ code: 'COLD_CHAIN', ruleId: 'cold-chain' });
      expect(a.reasons[1].message).toContain('line 1');
    });

    it('given an item stored at -70 °C, then coldChain', () => {
      expect(assess(aDeclaration({ items: [anItem({ storageTemperature: { minC: -90, maxC: -60 } })] })).coldChain).toBe(true);
    });

    it('given an item stored at max 8.5 °C and no dry ice, then no cold chain and no COLD_CHAIN reason', () => {
      const a = assess(aDeclaration({ items: [anItem({ storageTemperature: { minC: 2, maxC: 8.5 } })] }));
      expect(a.coldChain).toBe(false);
      expect(codes(a)).not.toContain('COLD_CHAIN');
    });

    it('given an item declaring UN1845 dry ice and no temperature, then coldChain', () => {
      const a = assess(aDeclaration({ items: [anItem({ storageTemperature: undefined }), aDryIceItem({ lineNo: 2 })] }));
      expect(a.coldChain).toBe(true);
      expect(a.reasons[1].message).toContain('line 2 declares UN1845');
    });

    it('given another UN number, then no cold chain', () => {
      expect(
        assess(aDeclaration({ items: [anItem({ storageTemperature: undefined, dangerousGoods: { unNumber: 'UN3373' } })] })).coldChain,
      ).toBe(false);
    });

    it('given a cold-chain shipment selected for inspection, then a COLD_CHAIN_CONTROLLED_INSPECTION reason before the outcome', () => {
      const d = aDeclaration({ parties: { consignee: aPrivateConsignee() } });
      const a = assess(d);
      expect(a.status).toBe('INSPECTION_REQUIRED');
      expect(codes(a).slice(-2)).toEqual(['COLD_CHAIN_CONTROLLED_INSPECTION', 'OUTCOME_INSPECTION_REQUIRED']);
      expect(a.reasons.at(-2)!.message).toContain('temperature-controlled facility');
    });

    it('given a cold-chain shipment sent to DOCUMENT_CHECK, then no controlled-inspection reason', () => {
      const a = assess(aDeclaration({ documents: [] }));
      expect(a.status).toBe('DOCUMENT_CHECK');
      expect(codes(a)).not.toContain('COLD_CHAIN_CONTROLLED_INSPECTION');
    });

    it('given an ambient shipment selected for inspection, then no controlled-inspection reason', () => {
      const d = aDeclaration({
        items: [anItem({ storageTemperature: undefined })],
        parties: { consignee: aPrivateConsignee() },
      });
      const a = assess(d);
      expect(a.status).toBe('INSPECTION_REQUIRED');
      expect(codes(a)).not.toContain('COLD_CHAIN_CONTROLLED_INSPECTION');
    });
  });

  describe('rule 3: regulatory authorisation', () => {
    it('given a CRITICAL vaccine without any document, then DOCUMENT_CHECK with REGULATORY_AUTHORISATION_MISSING', () => {
      const a = assess(aDeclaration({ documents: undefined }));
      expect(a.status).toBe('DOCUMENT_CHECK');
      expect(codes(a)).toEqual(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'REGULATORY_AUTHORISATION_MISSING', 'OUTCOME_DOCUMENT_CHECK']);
      expect(a.reasons[2].ruleId).toBe('regulatory-authorisation');
      expect(a.reasons[2].message).toContain('line 1 (HS 300241)');
    });

    it('given only an invoice and a packing list, then it still fires', () => {
      const a = assess(
        aDeclaration({
          documents: [
            { type: 'COMMERCIAL_INVOICE', reference: 'INV-1' },
            { type: 'PACKING_LIST', reference: 'PL-1' },
          ],
        }),
      );
      expect(codes(a)).toContain('REGULATORY_AUTHORISATION_MISSING');
    });

    it.each(['IMPORT_AUTHORIZATION', 'EMERGENCY_USE_AUTHORIZATION', 'MARKETING_AUTHORIZATION'] as const)(
      'given a %s, then it does not fire',
      (type) => {
        const a = assess(aDeclaration({ documents: [{ type, reference: 'A-1' }] }));
        expect(codes(a)).not.toContain('REGULATORY_AUTHORISATION_MISSING');
        expect(a.status).toBe('PRE_CLEARED');
      },
    );

    it('given ESSENTIAL medicaments under 3004 without authorisation, then it fires', () => {
      const a = assess(aDeclaration({ items: [anItem({ hsCode: '300490' })], documents: [] }));
      expect(a.priority).toBe('ESSENTIAL');
      expect(codes(a)).toContain('REGULATORY_AUTHORISATION_MISSING');
    });

    it('given ESSENTIAL syringes (not 3002/3004) without authorisation, then it does not fire', () => {
      const a = assess(aDeclaration({ items: [aSyringeItem()], documents: [] }));
      expect(a.priority).toBe('ESSENTIAL');
      expect(codes(a)).not.toContain('REGULATORY_AUTHORISATION_MISSING');
      expect(a.status).toBe('PRE_CLEARED');
    });

    it('given STANDARD goods under 3002 (not on a list) without authorisation, then it does not fire', () => {
      const a = assess(aDeclaration({ shipmentId: UNSAMPLED_ID, items: [anItem({ hsCode: '300290' })], documents: [] }));
      expect(codes(a)).not.toContain('REGULATORY_AUTHORISATION_MISSING');
    });
  });

  describe('rule 4: falsified-medicine indicators', () => {
    it('given CRITICAL goods for a private individual, then INSPECTION_REQUIRED with PRIVATE_CONSIGNEE_CRITICAL_GOODS', () => {
      const a = assess(aDeclaration({ parties: { consignee: aPrivateConsignee() } }));
      expect(a.status).toBe('INSPECTION_REQUIRED');
      expect(a.reasons.find((r) => r.code === 'PRIVATE_CONSIGNEE_CRITICAL_GOODS')).toMatchObject({
        ruleId: 'falsified-medicine-indicators',
      });
      expect(codes(a)).not.toContain('SMALL_CONSIGNMENT_CHANNEL_CRITICAL_GOODS');
    });

    it('given CRITICAL goods by POSTAL to a company, then SMALL_CONSIGNMENT_CHANNEL_CRITICAL_GOODS', () => {
      const d = aDeclaration({
        transport: { channel: 'POSTAL' },
        parties: { consignee: aCompanyConsignee({ name: 'Pharma Trade' }) },
      });
      const a = assess(d);
      expect(a.status).toBe('INSPECTION_REQUIRED');
      expect(codes(a)).toContain('SMALL_CONSIGNMENT_CHANNEL_CRITICAL_GOODS');
    });

    it('given CRITICAL goods by EXPRESS to a consignee without a declared type, then it fires (missing type is not trusted)', () => {
      const d = aDeclaration({
        transport: { channel: 'EXPRESS' },
        parties: { consignee: { name: 'Somebody', type: undefined } },
      });
      expect(d.parties.consignee).not.toHaveProperty('type');
      expect(codes(assess(d))).toContain('SMALL_CONSIGNMENT_CHANNEL_CRITICAL_GOODS');
    });

    it.each(['GOVERNMENT', 'INTERNATIONAL_ORGANIZATION', 'HEALTHCARE_PROVIDER'] as const)(
      'given CRITICAL goods by EXPRESS to a %s, then it does not fire',
      (type) => {
        const d = aDeclaration({
          transport: { channel: 'EXPRESS' },
          parties: { consignee: aGovernmentConsignee({ name: 'Trusted', type }) },
        });
        const a = assess(d);
        expect(a.status).toBe('PRE_CLEARED');
      },
    );

    it('given a private individual receiving by POSTAL, then both indicators are separate reasons', () => {
      const d = aDeclaration({
        transport: { channel: 'POSTAL' },
        parties: { consignee: aPrivateConsignee() },
      });
      const c = codes(assess(d));
      expect(c).toContain('PRIVATE_CONSIGNEE_CRITICAL_GOODS');
      expect(c).toContain('SMALL_CONSIGNMENT_CHANNEL_CRITICAL_GOODS');
    });

    it('given a CRITICAL item without manufacturer, then MANUFACTURER_MISSING', () => {
      const a = assess(aDeclaration({ items: [anItem({ manufacturer: undefined })] }));
      expect(a.status).toBe('INSPECTION_REQUIRED');
      expect(codes(a)).toContain('MANUFACTURER_MISSING');
    });

    it('given manufacturer "Pfizer Manufacturing Belgium N.V." (list says NV), then it matches after normalisation', () => {
      const a = assess(aDeclaration({ items: [anItem({ manufacturer: { name: 'Pfizer Manufacturing Belgium N.V.', country: 'BE' } })] }));
      expect(a.status).toBe('PRE_CLEARED');
    });

    it.each(['MODERNATX INC', 'Serum Institute of India Pvt Ltd', 'sk bioscience co ltd', 'CanSino Biologics, Inc.'])(
      'given authorised manufacturer written as "%s", then no indicator',
      (name) => {
        expect(assess(aDeclaration({ items: [anItem({ manufacturer: { name, country: 'XX' } })] })).status).toBe('PRE_CLEARED');
      },
    );

    it('given a CRITICAL item by an unlisted manufacturer on line 2, then MANUFACTURER_NOT_AUTHORISED naming line 2', () => {
      const a = assess(aDeclaration({ items: [anItem(), anItem({ lineNo: 2, manufacturer: { name: 'Vaxx Labs Ltd', country: 'XX' } })] }));
      expect(a.status).toBe('INSPECTION_REQUIRED');
      const r = a.reasons.find((x) => x.code === 'MANUFACTURER_NOT_AUTHORISED')!;
      expect(r.message).toContain("line 2 by 'Vaxx Labs Ltd'");
      expect(r.message).not.toContain('line 1');
    });

    it('given only ESSENTIAL goods for a private individual by POSTAL without manufacturer, then no indicator', () => {
      const d = aDeclaration({
        items: [aSyringeItem({ manufacturer: undefined })],
        transport: { channel: 'POSTAL' },
        parties: { consignee: aPrivateConsignee() },
      });
      expect(assess(d).status).toBe('PRE_CLEARED');
    });
  });

  describe('rule 5: expiry before arrival', () => {
    it('given an item expiring the day before arrival, then HELD with EXPIRES_BEFORE_ARRIVAL', () => {
      const a = assess(aDeclaration({ items: [anItem({ expiryDate: '2026-04-06' })] }));
      expect(a.status).toBe('HELD');
      expect(a.reasons.find((r) => r.code === 'EXPIRES_BEFORE_ARRIVAL')).toMatchObject({ ruleId: 'expiry-before-arrival' });
      expect(a.reasons.find((r) => r.code === 'EXPIRES_BEFORE_ARRIVAL')!.message).toContain('line 1 expires 2026-04-06');
    });

    it('given an item expiring on the arrival day, then it does not fire', () => {
      expect(assess(aDeclaration({ items: [anItem({ expiryDate: '2026-04-07' })] })).status).toBe('PRE_CLEARED');
    });

    it('given an arrival time with an offset, then the UTC date of arrival counts', () => {
      // 2026-04-07T23:30-05:00 is 2026-04-08T04:30Z.
      const route = { estimatedArrival: '2026-04-07T23:30:00-05:00' };
      expect(assess(aDeclaration({ route, items: [anItem({ expiryDate: '2026-04-07' })] })).status).toBe('HELD');
      expect(assess(aDeclaration({ route, items: [anItem({ expiryDate: '2026-04-08' })] })).status).toBe('PRE_CLEARED');
    });

    it('given no expiry date, then it does not fire', () => {
      expect(assess(aDeclaration({ items: [anItem({ expiryDate: undefined })] })).status).toBe('PRE_CLEARED');
    });

    it('given a minimum shelf life of 30 days, then an item expiring 10 days after arrival is HELD', () => {
      const p = aPolicy({ document: documentWith({ 'expiry-before-arrival': { params: { minShelfLifeDays: 30 } } }) });
      expect(assess(aDeclaration({ items: [anItem({ expiryDate: '2026-04-17' })] }), p).status).toBe('HELD');
      expect(assess(aDeclaration({ items: [anItem({ expiryDate: '2026-05-07' })] }), p).status).toBe('PRE_CLEARED');
    });
  });

  describe('rule 6: watchlist', () => {
    const entry = (kind: WatchlistKind, value: string, expiresAt?: string | null) => aWatchlistEntry(kind, value, { expiresAt });
    const held = (d: Declaration, ...entries: WatchlistEntry[]) => assess(d, aPolicy({ watchlist: entries }));
    /** The default consignee's id: ID-KEMENKES. */
    const consigneeId = aGovernmentConsignee().id!;

    it('given a PARTY entry matching the consignee id case-insensitively, then HELD with WATCHLIST_MATCH naming the reason and the match', () => {
      const a = held(aDeclaration(), entry('PARTY', consigneeId.toLowerCase()));
      expect(a.status).toBe('HELD');
      const r = a.reasons.find((x) => x.code === 'WATCHLIST_MATCH')!;
      expect(r.ruleId).toBe('watchlist');
      expect(r.message).toContain('RILO alert AP-2026-17');
      expect(r.message).toContain(`consignee id '${consigneeId}'`);
    });

    it('given a PARTY entry matching the consignor by normalised name, then HELD', () => {
      expect(held(aDeclaration(), entry('PARTY', 'PFIZER manufacturing belgium n.v.')).status).toBe('HELD');
    });

    it('given a PARTY entry matching the declarant, then HELD', () => {
      const d = aDeclaration({ parties: { declarant: { id: 'DECL-9', name: 'Quick Brokers' } } });
      expect(held(d, entry('PARTY', 'Quick-Brokers')).status).toBe('HELD');
      expect(held(d, entry('PARTY', 'decl-9')).status).toBe('HELD');
    });

    it('given an entry matching two parties, then one reason listing both', () => {
      const ministry = aGovernmentConsignee().name;
      const d = aDeclaration({ parties: { declarant: { name: ministry } } });
      const a = held(d, entry('PARTY', ministry));
      const rs = a.reasons.filter((x) => x.code === 'WATCHLIST_MATCH');
      expect(rs).toHaveLength(1);
      expect(rs[0].message).toContain('consignee');
      expect(rs[0].message).toContain('declarant');
    });

    it('given a MANUFACTURER entry matching an item manufacturer by normalised name, then HELD', () => {
      const a = held(aDeclaration(), entry('MANUFACTURER', 'Pfizer Manufacturing Belgium N.V.'));
      expect(a.status).toBe('HELD');
      expect(a.reasons.find((x) => x.code === 'WATCHLIST_MATCH')!.message).toContain('line 1');
    });

    it('given an ORIGIN_COUNTRY entry in lower case, then the origin country matches', () => {
      const a = held(aDeclaration(), entry('ORIGIN_COUNTRY', 'be'));
      expect(a.status).toBe('HELD');
      expect(a.reasons.find((x) => x.code === 'WATCHLIST_MATCH')!.message).toContain('origin country BE');
    });

    it('given non-matching entries, then it does not fire', () => {
      const a = held(aDeclaration(), entry('PARTY', 'Someone Else'), entry('MANUFACTURER', 'Other'), entry('ORIGIN_COUNTRY', 'XX'));
      expect(a.status).toBe('PRE_CLEARED');
    });

    it('given an entry that expired before now, then it does not fire', () => {
      expect(held(aDeclaration(), entry('ORIGIN_COUNTRY', 'BE', '2026-03-31T23:59:59Z')).status).toBe('PRE_CLEARED');
    });

    it('given an entry expiring exactly now, then it is no longer active', () => {
      expect(held(aDeclaration(), entry('ORIGIN_COUNTRY', 'BE', NOW.toISOString())).status).toBe('PRE_CLEARED');
    });

    it('given an entry expiring after now or never (null/absent), then it fires', () => {
      expect(held(aDeclaration(), entry('ORIGIN_COUNTRY', 'BE', '2026-04-01T00:00:01Z')).status).toBe('HELD');
      expect(held(aDeclaration(), entry('ORIGIN_COUNTRY', 'BE', null)).status).toBe('HELD');
      expect(held(aDeclaration(), entry('ORIGIN_COUNTRY', 'BE')).status).toBe('HELD');
    });

    it('given the same compiled policy, when assessed later than the expiry, then the entry no longer applies', () => {
      const p = aPolicy({ watchlist: [entry('ORIGIN_COUNTRY', 'BE', '2026-05-01T00:00:00Z')] });
      expect(p.assess(aDeclaration(), NOW).status).toBe('HELD');
      expect(p.assess(aDeclaration(), new Date('2026-05-02T00:00:00Z')).status).toBe('PRE_CLEARED');
    });

    it('given the rule limited to ORIGIN_COUNTRY, then PARTY entries are ignored', () => {
      const watchlist = [entry('PARTY', consigneeId)];
      expect(assess(aDeclaration(), aPolicy({ watchlist })).status).toBe('HELD');
      const p = aPolicy({ document: documentWith({ watchlist: { params: { kinds: ['ORIGIN_COUNTRY'] } } }), watchlist });
      expect(assess(aDeclaration(), p).status).toBe('PRE_CLEARED');
    });
  });

  describe('rule 7: preferential origin proof', () => {
    it('given preferential origin claimed without proof, then DOCUMENT_CHECK with ORIGIN_PROOF_MISSING', () => {
      const a = assess(aDeclaration({ items: [anItem({ preferentialOriginClaimed: true })] }));
      expect(a.status).toBe('DOCUMENT_CHECK');
      expect(a.reasons.find((r) => r.code === 'ORIGIN_PROOF_MISSING')).toMatchObject({ ruleId: 'preferential-origin-proof' });
    });

    it.each(['CERTIFICATE_OF_ORIGIN', 'E_CERTIFICATE_OF_ORIGIN'] as const)('given a %s, then it does not fire', (type) => {
      const d = aDeclaration({
        items: [anItem({ preferentialOriginClaimed: true })],
        documents: [aDocument(), { type, reference: 'CO-1' }],
      });
      expect(assess(d).status).toBe('PRE_CLEARED');
    });

    it('given preferentialOriginClaimed false, then it does not fire', () => {
      expect(assess(aDeclaration({ items: [anItem({ preferentialOriginClaimed: false })] })).status).toBe('PRE_CLEARED');
    });
  });

  describe('severity order', () => {
    it('given rules asking for HELD, INSPECTION_REQUIRED and DOCUMENT_CHECK, then HELD wins and every reason is present in ruleset order', () => {
      const d = aDeclaration({
        documents: [],
        parties: { consignee: aPrivateConsignee() },
        items: [
          anItem({ expiryDate: '2026-01-01', preferentialOriginClaimed: true, manufacturer: { name: 'Unknown Bio', country: 'XX' } }),
        ],
      });
      const a = assess(d, aPolicy({ watchlist: [aWatchlistEntry('ORIGIN_COUNTRY', 'BE')] }));
      expect(a.status).toBe('HELD');
      expect(codes(a)).toEqual([
        'CRITICAL_MEDICAL_GOODS',
        'COLD_CHAIN',
        'REGULATORY_AUTHORISATION_MISSING',
        'PRIVATE_CONSIGNEE_CRITICAL_GOODS',
        'MANUFACTURER_NOT_AUTHORISED',
        'EXPIRES_BEFORE_ARRIVAL',
        'WATCHLIST_MATCH',
        'ORIGIN_PROOF_MISSING',
        'OUTCOME_HELD',
      ]);
      const final = a.reasons.at(-1)!;
      expect(final.ruleId).toBe('severity-order');
      expect(final.message).toContain('decided by expiry-before-arrival, watchlist');
      expect(final.message).toContain('falsified-medicine-indicators (INSPECTION_REQUIRED)');
    });

    /** No authorisation (DOCUMENT_CHECK) and no manufacturer (INSPECTION_REQUIRED). */
    const undocumentedWithoutManufacturer = () => aDeclaration({ documents: [], items: [anItem({ manufacturer: undefined })] });
    /** Classification reasons come first and the outcome reasons last, whatever the ruleset order. */
    const classified = ['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN'];
    const inspected = ['COLD_CHAIN_CONTROLLED_INSPECTION', 'OUTCOME_INSPECTION_REQUIRED'];

    it('given INSPECTION_REQUIRED and DOCUMENT_CHECK, then INSPECTION_REQUIRED', () => {
      const a = assess(undocumentedWithoutManufacturer());
      expect(a.status).toBe('INSPECTION_REQUIRED');
      expect(codes(a)).toEqual([...classified, 'REGULATORY_AUTHORISATION_MISSING', 'MANUFACTURER_MISSING', ...inspected]);
    });

    it('given a reordered ruleset, then reasons follow the ruleset order', () => {
      const doc = documentWith();
      doc.rules.reverse();
      const a = assess(undocumentedWithoutManufacturer(), aPolicy({ document: doc }));
      expect(codes(a)).toEqual([...classified, 'MANUFACTURER_MISSING', 'REGULATORY_AUTHORISATION_MISSING', ...inspected]);
    });

    it('given a disabled rule, then it does not fire', () => {
      const p = aPolicy({ document: documentWith({ 'regulatory-authorisation': { enabled: false } }) });
      expect(assess(aDeclaration({ documents: [] }), p).status).toBe('PRE_CLEARED');
    });

    it('given a rule whose outcome is PRE_CLEARED, then its reason is reported but the shipment is still PRE_CLEARED', () => {
      const p = aPolicy({ document: documentWith({ 'regulatory-authorisation': { outcome: 'PRE_CLEARED' } }) });
      const a = assess(aDeclaration({ documents: [] }), p);
      expect(a.status).toBe('PRE_CLEARED');
      expect(codes(a)).toEqual(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'REGULATORY_AUTHORISATION_MISSING', 'NO_RISK_FOUND']);
      expect(a.reasons.at(-1)!.message).toContain('regulatory-authorisation');
    });

    it('given a rule whose outcome is raised to HELD, then it decides HELD', () => {
      const p = aPolicy({ document: documentWith({ 'regulatory-authorisation': { outcome: 'HELD' } }) });
      expect(assess(aDeclaration({ documents: [] }), p).status).toBe('HELD');
    });
  });

  describe('disclosure', () => {
    const codesForTheTrade = (a: Assessment) => a.publicReasons.map((r) => r.code);
    const watched = aPolicy({ watchlist: [aWatchlistEntry('ORIGIN_COUNTRY', 'BE')] });

    it('given a watchlist match (internal by default), when assessed, then the trade reads one CUSTOMS_CONTROL and nothing of the entry', () => {
      const a = assess(aDeclaration(), watched);
      expect(codes(a)).toEqual(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'WATCHLIST_MATCH', 'OUTCOME_HELD']);
      expect(codesForTheTrade(a)).toEqual(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'CUSTOMS_CONTROL', 'OUTCOME_HELD']);
      const text = JSON.stringify(a.publicReasons);
      expect(text).not.toContain('RILO');
      expect(text).not.toContain('watchlist');
      expect(a.publicReasons.at(-1)!.message).toContain('decided by customs-control');
      expect(a.watchlistHold).toBe(true);
    });

    it('given falsified-medicine indicators (internal by default) and a public rule, then each internal reason gives way to one CUSTOMS_CONTROL and the public one stays', () => {
      const a = assess(
        aDeclaration({ documents: [], parties: { consignee: aPrivateConsignee() }, items: [anItem({ manufacturer: undefined })] }),
      );
      expect(codes(a)).toEqual([
        'CRITICAL_MEDICAL_GOODS',
        'COLD_CHAIN',
        'REGULATORY_AUTHORISATION_MISSING',
        'PRIVATE_CONSIGNEE_CRITICAL_GOODS',
        'MANUFACTURER_MISSING',
        'COLD_CHAIN_CONTROLLED_INSPECTION',
        'OUTCOME_INSPECTION_REQUIRED',
      ]);
      expect(codesForTheTrade(a)).toEqual([
        'CRITICAL_MEDICAL_GOODS',
        'COLD_CHAIN',
        'REGULATORY_AUTHORISATION_MISSING',
        'CUSTOMS_CONTROL',
        'COLD_CHAIN_CONTROLLED_INSPECTION',
        'OUTCOME_INSPECTION_REQUIRED',
      ]);
      expect(a.publicReasons.at(-1)!.message).not.toContain('falsified');
      expect(a.publicReasons.at(-1)!.message).toContain('regulatory-authorisation (DOCUMENT_CHECK)');
    });

    it('given a ruleset making the watchlist rule public, then the trade reads its reason as it is', () => {
      const p = aPolicy({
        document: documentWith({ watchlist: { disclosure: 'public' } }),
        watchlist: [aWatchlistEntry('ORIGIN_COUNTRY', 'BE')],
      });
      expect(codesForTheTrade(assess(aDeclaration(), p))).toContain('WATCHLIST_MATCH');
    });

    it('given a ruleset making a public rule internal, then its reason is hidden from the trade', () => {
      const p = aPolicy({ document: documentWith({ 'regulatory-authorisation': { disclosure: 'internal' } }) });
      const a = assess(aDeclaration({ documents: [] }), p);
      expect(codesForTheTrade(a)).toEqual(['CRITICAL_MEDICAL_GOODS', 'COLD_CHAIN', 'CUSTOMS_CONTROL', 'OUTCOME_DOCUMENT_CHECK']);
    });

    it('given nothing internal fired, then the trade reads every reason', () => {
      const a = assess(aDeclaration({ documents: [] }));
      expect(a.publicReasons).toEqual(a.reasons);
      expect(a.watchlistHold).toBe(false);
    });
  });

  describe('compilation', () => {
    it('given an invalid document, when compiled, then it throws InvalidRulesetError naming the problem', () => {
      expect(() => aPolicy({ document: documentWith({ 'random-sampling': { params: { rate: 2 } } }) })).toThrow(
        /rules\[7\]\.params\.rate: must be between 0 and 1/,
      );
    });

    it('given a declaration of 999 items, then the assessment works (scratch buffer is large enough)', () => {
      const items = Array.from({ length: 999 }, (_, i) => anItem({ lineNo: i + 1 }));
      const a = assess(aDeclaration({ items }));
      expect(a.status).toBe('PRE_CLEARED');
      expect(a.reasons[0].message).toContain('and 989 more');
    });

    it('given the same declaration twice, then the assessments are equal (no state leaks between calls)', () => {
      const d = aDeclaration({ documents: [] });
      assess(aDeclaration({ items: [aStandardItem(), anItem({ lineNo: 2 })] }));
      expect(assess(d)).toEqual(assess(d));
    });
  });
});
