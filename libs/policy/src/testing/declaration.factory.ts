import { Declaration, Item, Party } from '@app/contract/declaration';

/** A valid CRITICAL vaccine item (Comirnaty-like): cold chain, authorised manufacturer. */
export function anItem(overrides: Partial<Item> = {}): Item {
  return {
    lineNo: 1,
    hsCode: '300241',
    description: 'COVID-19 mRNA vaccine, 195 multi-dose vials',
    quantity: 195,
    unit: 'VIAL',
    grossMassKg: 12.5,
    value: { amount: 35000, currency: 'USD' },
    manufacturer: { name: 'Pfizer Manufacturing Belgium NV', country: 'BE' },
    storageTemperature: { minC: 2, maxC: 8 },
    batchNumbers: ['FK1234'],
    expiryDate: '2026-12-31',
    ...overrides,
  };
}

export function aParty(overrides: Partial<Party> = {}): Party {
  return { name: 'Ministry of Health', country: 'ID', type: 'GOVERNMENT', ...overrides };
}

/** A valid CRITICAL vaccine declaration that the default policy pre-clears. */
export function aDeclaration(overrides: Partial<Declaration> = {}): Declaration {
  return {
    shipmentId: 'SHP-ID-2026-000123',
    amendment: 0,
    transport: { mode: 'AIR', channel: 'CARGO', carrierId: 'GA', documentType: 'AWB', documentNumber: '126-12345675' },
    route: { originCountry: 'BE', loadingLocation: 'BEBRU', entryLocation: 'IDCGK', estimatedArrival: '2026-04-07T08:00:00Z' },
    parties: {
      consignor: aParty({ id: 'BE0403.053.608', name: 'Pfizer Manufacturing Belgium NV', country: 'BE', type: 'PHARMACEUTICAL_COMPANY', aeo: true }),
      consignee: aParty({ id: 'ID-MOH', name: 'Ministry of Health of the Republic of Indonesia', country: 'ID', type: 'GOVERNMENT' }),
    },
    items: [anItem()],
    documents: [{ type: 'EMERGENCY_USE_AUTHORIZATION', reference: 'EUA-2026-001', issuer: 'BPOM', issuingCountry: 'ID' }],
    ...overrides,
  };
}

/** A STANDARD (non-medical) item. */
export function aStandardItem(overrides: Partial<Item> = {}): Item {
  return {
    lineNo: 1,
    hsCode: '847130',
    description: 'Laptop computers',
    quantity: 10,
    unit: 'PCE',
    grossMassKg: 25,
    ...overrides,
  };
}
