import { randomBytes } from 'node:crypto';
import { type Declaration } from '@app/contract';
import { aCompanyConsignee, aDeclaration, aGovernmentConsignee, aShipmentEvent, aStandardItem } from '@app/contract/testing';
import { type NewOutboxMessage } from '@app/persistence';
import { samplingScore } from '@app/policy';

/** A STANDARD consignment (laptops unless another HS code is given) to a company that is not an AEO: random sampling applies to it. */
export function aStandardDeclaration(shipmentId: string, hsCode = '847130'): Declaration {
  return aDeclaration({ shipmentId, items: [aStandardItem({ hsCode })], documents: [], parties: { consignee: aCompanyConsignee() } });
}

/** A fresh shipment id the baseline sampling rate (0.05) does not select. */
export function unsampledShipmentId(prefix: string): string {
  for (;;) {
    const id = `${prefix}-${randomBytes(4).toString('hex')}`;
    if (samplingScore(id) >= 0.05) return id;
  }
}

/**
 * A submission of the vaccine declaration (PRE_CLEARED) naming these party ids: the consignee's
 * `id` and the transport's `carrierId` (a carrier nobody subscribes to unless given).
 */
export function aSubmissionNaming(shipmentId: string, parties: { consigneeId?: string; carrierId?: string }) {
  return {
    key: shipmentId,
    value: aShipmentEvent(
      'customs.prearrival.submitted',
      aDeclaration({
        shipmentId,
        parties: { consignee: aGovernmentConsignee(parties.consigneeId ? { id: parties.consigneeId } : {}) },
        transport: {
          mode: 'AIR',
          channel: 'CARGO',
          documentType: 'AWB',
          documentNumber: '126-12345675',
          carrierId: parties.carrierId ?? `CARRIER-${shipmentId}`,
        },
      }),
    ),
  };
}

/**
 * A status CloudEvent as the outbox holds it, on `topic` in the CRITICAL lane; `padding` bytes of
 * reason text make it as large as wanted.
 */
export function aStatusOutboxRow(topic: string, shipmentId: string, version: number, padding = 0): NewOutboxMessage {
  const event = {
    specversion: '1.0',
    id: `${shipmentId}:v${version}`,
    source: 'urn:it',
    type: 'customs.clearance.status',
    subject: shipmentId,
    data: { shipmentId, version, status: 'DOCUMENT_CHECK', reasons: [{ code: 'IT', ruleId: 'it', message: 'r'.repeat(padding) }] },
  };
  return {
    topic,
    messageKey: Buffer.from(shipmentId),
    messageValue: Buffer.from(JSON.stringify(event)),
    headers: { 'content-type': 'application/cloudevents+json; charset=utf-8' },
    createdAt: new Date(),
    lane: 'CRITICAL',
  };
}
