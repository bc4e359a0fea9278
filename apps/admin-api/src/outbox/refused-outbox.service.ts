import { Injectable } from '@nestjs/common';
import { PRIORITIES, shipmentIdFromKey } from '@app/contract';
import { RefusedOutboxRepository, RefusedOutboxRow } from '@app/persistence';
import { IdPageQuery, pageById } from '../common/paging';
import { RefusedOutboxPage, RefusedOutboxRecordView } from './refused-outbox.dto';

/** Longer keys cannot be shipment ids, so they are not read at all. */
const MAX_SHIPMENT_ID_BYTES = 64;

function toView(row: RefusedOutboxRow): RefusedOutboxRecordView {
  return {
    id: row.id,
    topic: row.topic,
    shipmentId: shipmentIdFromKey(row.shortKey),
    keyBytes: row.keyBytes,
    valueBytes: row.valueBytes,
    lane: PRIORITIES[row.lane],
    refusalCode: row.refusalCode,
    refusalError: row.refusalError,
    createdAt: row.createdAt.toISOString(),
    refusedAt: row.refusedAt.toISOString(),
  };
}

/** Outbox records the broker refused for good and the status publisher set aside. */
@Injectable()
export class RefusedOutboxService {
  constructor(private readonly refused: RefusedOutboxRepository) {}

  list(query: IdPageQuery): Promise<RefusedOutboxPage> {
    return pageById(query, (limit, before) => this.refused.page(limit, before, MAX_SHIPMENT_ID_BYTES), toView);
  }
}
