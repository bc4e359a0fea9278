import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { WATCHLIST_KINDS, WatchlistKind } from '@app/policy';
import { IsRfc3339DateTime } from '../common/rfc3339';

export class CreateWatchlistEntryRequest {
  @ApiProperty({ enum: WATCHLIST_KINDS })
  @IsIn(WATCHLIST_KINDS)
  kind: WatchlistKind;

  @ApiProperty({
    description:
      'PARTY: a party id or name; MANUFACTURER: a name (both matched on the normalised name); ORIGIN_COUNTRY: an ISO 3166-1 alpha-2 code',
    example: 'Acme Pharma Trading Ltd',
    minLength: 1,
    maxLength: 200,
  })
  @IsString()
  @Length(1, 200)
  @Matches(/\S/, { message: 'value must not be blank' })
  // PostgreSQL text cannot hold NUL; no name or code has control characters.
  @Matches(/^[^\u0000-\u001f\u007f]*$/, { message: 'value must not contain control characters' })
  value: string;

  @ApiProperty({ example: 'RILO alert 2026/17: falsified COVID-19 vaccines offered by this trader', minLength: 1, maxLength: 500 })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  @Matches(/^[^\u0000]*$/, { message: 'reason must not contain NUL characters' })
  reason: string;

  @ApiPropertyOptional({ description: 'RFC 3339, in the future; absent: never expires', example: '2027-01-31T00:00:00Z' })
  @IsOptional()
  @IsRfc3339DateTime()
  expiresAt?: string;
}

export class RescreenStateView {
  @ApiProperty({ description: 'Open shipments the entry held when it was added (re-screening)' }) heldCount: number;
  @ApiProperty({ nullable: true, type: String, description: 'When every open shipment had been screened; null while it runs' })
  finishedAt: string | null;
}

export class WatchlistEntryView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: WATCHLIST_KINDS }) kind: WatchlistKind;
  @ApiProperty() value: string;
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'Who added it (an API key)' }) author: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ description: 'Not expired now' }) active: boolean;
  @ApiProperty({ type: RescreenStateView, nullable: true, description: 'null for entries added before re-screenings were recorded' })
  rescreen: RescreenStateView | null;
}

export class WatchlistEntryPage {
  @ApiProperty({ type: [WatchlistEntryView] }) items: WatchlistEntryView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export class RescreenView {
  @ApiProperty({
    type: [String],
    description: 'Open shipments the new entry matched, now HELD (the first 100; the audit log has them all)',
  })
  held: string[];
  @ApiProperty({ description: 'How many it held' }) heldCount: number;
  @ApiProperty({ description: 'false when the re-screening stopped early; it is then resumed in the background' }) complete: boolean;
}

export class CreatedWatchlistEntryView extends OmitType(WatchlistEntryView, ['rescreen'] as const) {
  @ApiProperty({ type: RescreenView }) rescreened: RescreenView;
}
