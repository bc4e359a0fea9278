import { randomBytes } from 'node:crypto';
import { type Declaration } from '@app/contract';
import { aCompanyConsignee, aDeclaration, aStandardItem } from '@app/contract/testing';
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
