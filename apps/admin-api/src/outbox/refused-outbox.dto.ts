import { ApiProperty } from '@nestjs/swagger';
import { PRIORITIES, Priority } from '@app/contract';

export class RefusedOutboxRecordView {
  @ApiProperty({ example: '1042', description: 'The outbox row' }) id: string;
  @ApiProperty({ example: 'customs.clearance-status.v1', description: 'Where the record was to go' }) topic: string;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The record key when it is a shipment id (statuses and dead letters are keyed by shipmentId); null otherwise',
  })
  shipmentId: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Length of the key in bytes (the key is left out); null without a key' })
  keyBytes: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Length of the value in bytes (the value is left out); null without a value' })
  valueBytes: number | null;
  @ApiProperty({ enum: PRIORITIES, description: 'The lane of the shipment, which decides when its records are published' }) lane: Priority;
  @ApiProperty({ example: 'MESSAGE_TOO_LARGE', description: "The broker's error type" }) refusalCode: string;
  @ApiProperty({ example: 'The request included a message larger than the max message size the server will accept' }) refusalError: string;
  @ApiProperty({ description: 'When the record was written to the outbox (RFC 3339)' }) createdAt: string;
  @ApiProperty({ description: 'When the broker refused it and it was set aside (RFC 3339)' }) refusedAt: string;
}

export class RefusedOutboxPage {
  @ApiProperty({ type: [RefusedOutboxRecordView] }) items: RefusedOutboxRecordView[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' }) nextCursor:
    string | null;
}
