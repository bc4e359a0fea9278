import type { ClearanceStatus, Priority } from '@app/contract/clearance-status';

/**
 * The columns of a shipment as operators' lists show it (the search and the worklist): its state
 * and the few declaration fields they scan for. Selects from `shipments s`.
 */
export const LISTED_SHIPMENT_COLUMNS = `s.shipment_id, s.status, s.priority, s.cold_chain, s.version, s.submitted_at, s.arrived_at,
       s.declaration #>> '{parties,consignee,name}' AS consignee_name,
       s.declaration #>> '{route,entryLocation}' AS entry_location,
       s.declaration #>> '{route,estimatedArrival}' AS estimated_arrival`;

/** A row of LISTED_SHIPMENT_COLUMNS. */
export interface ListedShipmentRecord {
  shipment_id: string;
  status: ClearanceStatus;
  priority: Priority;
  cold_chain: boolean;
  version: number;
  submitted_at: Date | null;
  arrived_at: Date | null;
  consignee_name: string | null;
  entry_location: string | null;
  estimated_arrival: string | null;
}

/** A shipment as operators' lists show it. */
export interface ListedShipment {
  shipmentId: string;
  status: ClearanceStatus;
  priority: Priority;
  coldChain: boolean;
  version: number;
  submittedAt: Date | null;
  arrivedAt: Date | null;
  consigneeName: string | null;
  entryLocation: string | null;
  estimatedArrival: string | null;
}

export function toListedShipment(r: ListedShipmentRecord): ListedShipment {
  return {
    shipmentId: r.shipment_id,
    status: r.status,
    priority: r.priority,
    coldChain: r.cold_chain,
    version: r.version,
    submittedAt: r.submitted_at,
    arrivedAt: r.arrived_at,
    consigneeName: r.consignee_name,
    entryLocation: r.entry_location,
    estimatedArrival: r.estimated_arrival,
  };
}
