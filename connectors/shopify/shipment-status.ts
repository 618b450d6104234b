// What a fulfillment's shipment_status (Shopify's FulfillmentEventStatus, lower-cased in the
// webhooks) means to the product's parcel rules (O9-O11).
import type { ParcelScan } from '../../workflows/order-events';

const SHIPMENT_STATUSES = [
  'label_printed',
  'label_purchased',
  'confirmed',
  'carrier_picked_up',
  'in_transit',
  'delayed',
  'out_for_delivery',
  'attempted_delivery',
  'ready_for_pickup',
  'delivered',
  'picked_up',
  'failure',
] as const;
type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

type ParcelMeaning = { type: 'tracking_scanned'; scan: ParcelScan } | { type: 'delivered' } | { type: 'none' };

export function isShipmentStatus(status: string): status is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(status);
}

export function parcelMeaning(status: ShipmentStatus): ParcelMeaning {
  switch (status) {
    // Before the courier has the parcel: nothing the buyer's parcel rules wait for.
    case 'label_printed':
    case 'label_purchased':
    case 'confirmed':
      return { type: 'none' };
    // The courier has it and it moves (a delay is still a scan: the parcel is not silent, O10).
    case 'carrier_picked_up':
    case 'in_transit':
    case 'delayed':
      return { type: 'tracking_scanned', scan: 'in_transit' };
    // At the buyer's door or pickup point; a missed delivery is tried again, not a problem yet.
    case 'out_for_delivery':
    case 'attempted_delivery':
    case 'ready_for_pickup':
      return { type: 'tracking_scanned', scan: 'out_for_delivery' };
    case 'delivered':
    case 'picked_up':
      return { type: 'delivered' };
    // The carrier gave up delivering: the parcel goes back to the sender, the product's `returned` scan (O10 opens a case).
    case 'failure':
      return { type: 'tracking_scanned', scan: 'returned' };
    default:
      return status satisfies never;
  }
}
