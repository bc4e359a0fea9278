import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export const BYTE_ENCODINGS = ['utf8', 'base64'] as const;
export type ByteEncoding = (typeof BYTE_ENCODINGS)[number];

export class DeadLetterIdParam {
  @IsString()
  // At most 18 digits: always inside PostgreSQL's bigint.
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'id must be a positive integer' })
  id: string;
}

export class DeadLetterErrorView {
  @ApiProperty({ example: 'data.items[0].hsCode' }) path: string;
  @ApiProperty() message: string;
}

export class DeadLetterView {
  @ApiProperty({ example: '42' }) id: string;
  @ApiProperty() sourceTopic: string;
  @ApiProperty() partition: number;
  @ApiProperty({ example: '1017' }) offset: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The record key; null when the record had none, or when omitted from a list (see keyOmitted)',
  })
  key: string | null;
  @ApiProperty({
    enum: BYTE_ENCODINGS,
    nullable: true,
    description: 'utf8 when the key is valid UTF-8 of at most 64 KiB, else base64 of the bytes; null without a key or when omitted',
  })
  keyEncoding: ByteEncoding | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Length of the key in bytes; null when the record had none' })
  keyBytes: number | null;
  @ApiProperty({ description: 'True in a list when the key is longer than 16 KiB: GET /api/v1/dead-letters/{id} returns it whole' })
  keyOmitted: boolean;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The record value as received; null when the record had none, or when omitted from a list (see valueOmitted)',
  })
  value: string | null;
  @ApiProperty({
    enum: BYTE_ENCODINGS,
    nullable: true,
    description: 'utf8 when the value is valid UTF-8 of at most 64 KiB, else base64 of the bytes; null without a value or when omitted',
  })
  valueEncoding: ByteEncoding | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Length of the value in bytes; null when the record had none' })
  valueBytes: number | null;
  @ApiProperty({ description: 'True in a list when the value is longer than 16 KiB: GET /api/v1/dead-letters/{id} returns it whole' })
  valueOmitted: boolean;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) errorKind: string;
  @ApiProperty({ type: [DeadLetterErrorView] }) errors: DeadLetterErrorView[];
  @ApiProperty({ nullable: true, type: String }) shipmentId: string | null;
  @ApiProperty({ nullable: true, type: String }) eventId: string | null;
  @ApiProperty() receivedAt: string;
  @ApiProperty({ nullable: true, type: String }) replayedAt: string | null;
  @ApiProperty() replayCount: number;
}

export class DeadLetterPage {
  @ApiProperty({ type: [DeadLetterView] }) items: DeadLetterView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}

export class DeadLetterReplayView {
  @ApiProperty() id: string;
  @ApiProperty() replayedAt: string;
  @ApiProperty() replayCount: number;
}
