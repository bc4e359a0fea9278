import { type ReferenceLists, type RulesetDocument } from './types';

/**
 * Version 1 of the baseline clearance policy of docs/contract.md, rules 1-8 (rule 9, PRE_CLEARED when
 * nothing fired, is the engine's severity order). Seeded by a database migration.
 */
export const DEFAULT_RULESET_DOCUMENT: RulesetDocument = {
  description: 'Baseline clearance policy for critical medical shipments (docs/contract.md rules 1-9)',
  rules: [
    {
      id: 'classify-priority',
      kind: 'PRIORITY_CLASSIFICATION',
      enabled: true,
      disclosure: 'public',
      params: { criticalList: 'critical-hs-codes', essentialList: 'essential-hs-codes' },
    },
    {
      id: 'cold-chain',
      kind: 'COLD_CHAIN',
      enabled: true,
      disclosure: 'public',
      params: { maxStorageTempC: 8, unNumbers: ['UN1845'], controlledInspectionStatuses: ['INSPECTION_REQUIRED'] },
    },
    {
      id: 'regulatory-authorisation',
      kind: 'REGULATORY_AUTHORISATION',
      enabled: true,
      disclosure: 'public',
      outcome: 'DOCUMENT_CHECK',
      params: {
        priorities: ['CRITICAL', 'ESSENTIAL'],
        hsPrefixes: ['3002', '3004'],
        acceptedDocuments: ['IMPORT_AUTHORIZATION', 'EMERGENCY_USE_AUTHORIZATION', 'MARKETING_AUTHORIZATION'],
      },
    },
    {
      id: 'falsified-medicine-indicators',
      kind: 'FALSIFIED_MEDICINE_INDICATORS',
      enabled: true,
      disclosure: 'internal',
      outcome: 'INSPECTION_REQUIRED',
      params: {
        priorities: ['CRITICAL'],
        privateConsigneeTypes: ['PRIVATE_INDIVIDUAL'],
        riskyChannels: ['POSTAL', 'EXPRESS'],
        trustedConsigneeTypes: ['GOVERNMENT', 'INTERNATIONAL_ORGANIZATION', 'HEALTHCARE_PROVIDER'],
        manufacturerList: 'authorized-manufacturers',
      },
    },
    {
      id: 'expiry-before-arrival',
      kind: 'EXPIRY_BEFORE_ARRIVAL',
      enabled: true,
      disclosure: 'public',
      outcome: 'HELD',
      params: { minShelfLifeDays: 0 },
    },
    {
      id: 'watchlist',
      kind: 'WATCHLIST',
      enabled: true,
      disclosure: 'internal',
      outcome: 'HELD',
      params: { kinds: ['PARTY', 'MANUFACTURER', 'ORIGIN_COUNTRY'] },
    },
    {
      id: 'preferential-origin-proof',
      kind: 'PREFERENTIAL_ORIGIN_PROOF',
      enabled: true,
      disclosure: 'public',
      outcome: 'DOCUMENT_CHECK',
      params: { acceptedDocuments: ['CERTIFICATE_OF_ORIGIN', 'E_CERTIFICATE_OF_ORIGIN'] },
    },
    {
      id: 'random-sampling',
      kind: 'RANDOM_SAMPLING',
      enabled: true,
      disclosure: 'public',
      outcome: 'DOCUMENT_CHECK',
      params: { rate: 0.05, priorities: ['STANDARD'], exemptAeoConsignee: true },
    },
  ],
};

export const DEFAULT_RULESET_VERSION = 1;

/** The reference lists of docs/contract.md, as written there. */
export const DEFAULT_REFERENCE_LISTS: ReferenceLists = {
  'critical-hs-codes': ['3002.41', '3002.20', '3002.12', '3002.13', '3002.14', '3002.15'],
  'essential-hs-codes': ['3004', '3822.19', '3821.00', '7010.10', '7010.90', '9018.31', '9018.32', '2811.21', '8418.50', '8418.69'],
  'authorized-manufacturers': [
    'BioNTech Manufacturing GmbH',
    'Pfizer Manufacturing Belgium NV',
    'ModernaTX, Inc.',
    'AstraZeneca AB',
    'Serum Institute of India Pvt. Ltd.',
    'SK Bioscience Co., Ltd.',
    'Janssen Biotech, Inc.',
    'Beijing Institute of Biological Products Co., Ltd.',
    'Sinovac Life Sciences Co., Ltd.',
    'Bharat Biotech International Ltd.',
    'Novavax, Inc.',
    'CanSino Biologics Inc.',
  ],
  // Terminal and port systems whose arrivals are accepted besides the owner's: none by default.
  'arrival-sources': [],
};
