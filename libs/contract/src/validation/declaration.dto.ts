/**
 * DTO classes of the Declaration (docs/contract.md#the-declaration). Decorators only: every rule lives
 * in ./decorators. Each class `implements` the contract interface so the two cannot drift.
 *
 * Unknown properties inside `data` are rejected (the parser validates with
 * `forbidNonWhitelisted`): a misspelt optional field (`expiryDte`, `storageTemp`) would
 * otherwise be dropped silently and the shipment decided without it, e.g. a cold-chain
 * shipment treated as ambient. New fields need a new contract version anyway.
 */
import {
  Declaration,
  DangerousGoods,
  Item,
  Manufacturer,
  Money,
  PARTY_TYPES,
  Parties,
  Party,
  PartyType,
  Route,
  SUPPORTING_DOCUMENT_TYPES,
  SupportingDocument,
  SupportingDocumentType,
  TRANSPORT_CHANNELS,
  TRANSPORT_DOCUMENT_TYPES,
  TRANSPORT_MODES,
  TemperatureRange,
  Transport,
  TransportChannel,
  TransportDocumentType,
  TransportMode,
} from '../declaration';
import {
  IsCalendarDate,
  IsCountryCode,
  IsCurrencyCode,
  IsDateTime,
  IsFlag,
  IsHsCode,
  IsIntegerIn,
  IsNotBelow,
  IsNumberFrom,
  IsOneOf,
  IsShipmentId,
  IsText,
  IsTextList,
  IsUnLocode,
  IsUnNumber,
  IsUniqueInList,
  NestedList,
  NestedObject,
  Optional,
} from './decorators';

/** Upper bound of integers stored in 32-bit database columns (amendment, lineNo). */
export const MAX_INT32 = 2_147_483_647;
export const MAX_ITEMS = 999;
export const MAX_DOCUMENTS = 50;
export const MAX_BATCH_NUMBERS = 1000;

export class TransportDto implements Transport {
  @IsOneOf(TRANSPORT_MODES) mode: TransportMode;
  @IsOneOf(TRANSPORT_CHANNELS) channel: TransportChannel;
  @Optional() @IsText(1, 64) carrierId?: string;
  @Optional() @IsText(1, 64) conveyanceRef?: string;
  @IsOneOf(TRANSPORT_DOCUMENT_TYPES) documentType: TransportDocumentType;
  @IsText(1, 64) documentNumber: string;
}

export class RouteDto implements Route {
  @IsCountryCode() originCountry: string;
  @Optional() @IsUnLocode() loadingLocation?: string;
  @IsUnLocode() entryLocation: string;
  @IsDateTime() estimatedArrival: string;
}

export class PartyDto implements Party {
  @Optional() @IsText(1, 64) id?: string;
  @IsText(1, 200) name: string;
  @IsCountryCode() country: string;
  @Optional() @IsOneOf(PARTY_TYPES) type?: PartyType;
  @Optional() @IsFlag() aeo?: boolean;
}

export class PartiesDto implements Parties {
  @NestedObject(() => PartyDto) consignor: PartyDto;
  @NestedObject(() => PartyDto) consignee: PartyDto;
  @Optional() @NestedObject(() => PartyDto) declarant?: PartyDto;
}

export class MoneyDto implements Money {
  @IsNumberFrom(0, false) amount: number;
  @IsCurrencyCode() currency: string;
}

export class ManufacturerDto implements Manufacturer {
  @IsText(1, 200) name: string;
  @IsCountryCode() country: string;
}

export class TemperatureRangeDto implements TemperatureRange {
  /** Not below absolute zero; no upper bound is specified. */
  @IsNumberFrom(-273.15, false) minC: number;
  @IsNumberFrom(-273.15, false) @IsNotBelow('minC') maxC: number;
}

export class DangerousGoodsDto implements DangerousGoods {
  @IsUnNumber() unNumber: string;
}

export class ItemDto implements Item {
  @IsIntegerIn(1, MAX_INT32) @IsUniqueInList() lineNo: number;
  @IsHsCode() hsCode: string;
  @IsText(1, 512) description: string;
  @IsNumberFrom(0, true) quantity: number;
  @IsText(1, 64) unit: string;
  @IsNumberFrom(0, true) grossMassKg: number;
  @Optional() @NestedObject(() => MoneyDto) value?: MoneyDto;
  @Optional() @NestedObject(() => ManufacturerDto) manufacturer?: ManufacturerDto;
  @Optional() @NestedObject(() => TemperatureRangeDto) storageTemperature?: TemperatureRangeDto;
  @Optional() @NestedObject(() => DangerousGoodsDto) dangerousGoods?: DangerousGoodsDto;
  @Optional() @IsTextList(0, MAX_BATCH_NUMBERS, 1, 64) batchNumbers?: string[];
  @Optional() @IsCalendarDate() expiryDate?: string;
  @Optional() @IsFlag() preferentialOriginClaimed?: boolean;
}

export class SupportingDocumentDto implements SupportingDocument {
  @IsOneOf(SUPPORTING_DOCUMENT_TYPES) type: SupportingDocumentType;
  @IsText(1, 64) reference: string;
  @Optional() @IsText(1, 200) issuer?: string;
  @Optional() @IsCountryCode() issuingCountry?: string;
}

/** Everything of a Declaration except `amendment`, whose rule depends on the event type. */
abstract class DeclarationBodyDto {
  @IsShipmentId() shipmentId: string;
  @NestedObject(() => TransportDto) transport: TransportDto;
  @NestedObject(() => RouteDto) route: RouteDto;
  @NestedObject(() => PartiesDto) parties: PartiesDto;
  @NestedList(() => ItemDto, 1, MAX_ITEMS) items: ItemDto[];
  @Optional() @NestedList(() => SupportingDocumentDto, 0, MAX_DOCUMENTS) documents?: SupportingDocumentDto[];
}

/** `customs.prearrival.submitted`: the first version of a declaration, amendment 0. */
export class SubmittedDeclarationDto extends DeclarationBodyDto implements Declaration {
  @IsIntegerIn(0, 0, 'on customs.prearrival.submitted') amendment: number;
}

/**
 * `customs.prearrival.amended`: a whole Declaration with a higher amendment number than the
 * one it replaces. docs/contract.md calls a lower or equal number stale (it changes nothing), so 0 is
 * a valid, stale amendment, not an error: the engine compares it with the stored one.
 */
export class AmendedDeclarationDto extends DeclarationBodyDto implements Declaration {
  @IsIntegerIn(0, MAX_INT32, 'on customs.prearrival.amended') amendment: number;
}
