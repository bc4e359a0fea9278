/** The shipment pre-arrival declaration of docs/contract.md#the-declaration. */

export const TRANSPORT_MODES = ['AIR', 'SEA', 'ROAD', 'RAIL'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export const TRANSPORT_CHANNELS = ['CARGO', 'EXPRESS', 'POSTAL'] as const;
export type TransportChannel = (typeof TRANSPORT_CHANNELS)[number];

export const TRANSPORT_DOCUMENT_TYPES = ['AWB', 'BL', 'CMR', 'CIM', 'CN22', 'CN23', 'OTHER'] as const;
export type TransportDocumentType = (typeof TRANSPORT_DOCUMENT_TYPES)[number];

export const PARTY_TYPES = [
  'GOVERNMENT',
  'INTERNATIONAL_ORGANIZATION',
  'HEALTHCARE_PROVIDER',
  'PHARMACEUTICAL_COMPANY',
  'LOGISTICS_PROVIDER',
  'COMPANY',
  'PRIVATE_INDIVIDUAL',
] as const;
export type PartyType = (typeof PARTY_TYPES)[number];

export const SUPPORTING_DOCUMENT_TYPES = [
  'IMPORT_AUTHORIZATION',
  'EMERGENCY_USE_AUTHORIZATION',
  'MARKETING_AUTHORIZATION',
  'LOT_RELEASE_CERTIFICATE',
  'CERTIFICATE_OF_ANALYSIS',
  'CERTIFICATE_OF_ORIGIN',
  'E_CERTIFICATE_OF_ORIGIN',
  'DONATION_CERTIFICATE',
  'COMMERCIAL_INVOICE',
  'PACKING_LIST',
  'OTHER',
] as const;
export type SupportingDocumentType = (typeof SUPPORTING_DOCUMENT_TYPES)[number];

export interface Transport {
  mode: TransportMode;
  channel: TransportChannel;
  carrierId?: string;
  conveyanceRef?: string;
  documentType: TransportDocumentType;
  documentNumber: string;
}

export interface Route {
  /** ISO 3166-1 alpha-2 */
  originCountry: string;
  /** UN/LOCODE */
  loadingLocation?: string;
  /** UN/LOCODE */
  entryLocation: string;
  /** RFC 3339 */
  estimatedArrival: string;
}

export interface Party {
  id?: string;
  name: string;
  country: string;
  type?: PartyType;
  aeo?: boolean;
}

export interface Parties {
  consignor: Party;
  consignee: Party;
  declarant?: Party;
}

export interface Money {
  amount: number;
  /** ISO 4217 */
  currency: string;
}

export interface Manufacturer {
  name: string;
  country: string;
}

export interface TemperatureRange {
  minC: number;
  maxC: number;
}

export interface DangerousGoods {
  /** e.g. UN1845 (dry ice) */
  unNumber: string;
}

export interface Item {
  lineNo: number;
  /** 6 to 10 digits, no dots */
  hsCode: string;
  description: string;
  quantity: number;
  unit: string;
  grossMassKg: number;
  value?: Money;
  manufacturer?: Manufacturer;
  storageTemperature?: TemperatureRange;
  dangerousGoods?: DangerousGoods;
  batchNumbers?: string[];
  /** YYYY-MM-DD */
  expiryDate?: string;
  preferentialOriginClaimed?: boolean;
}

export interface SupportingDocument {
  type: SupportingDocumentType;
  reference: string;
  issuer?: string;
  issuingCountry?: string;
}

export interface Declaration {
  shipmentId: string;
  amendment: number;
  transport: Transport;
  route: Route;
  parties: Parties;
  items: Item[];
  documents?: SupportingDocument[];
}
