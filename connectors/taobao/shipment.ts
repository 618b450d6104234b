// The shipment told to TOP: taobao.logistics.offline.send (the seller's own courier) with TOP's
// company code. A retry after a lost answer must neither fail nor ship twice, so the trade is read
// first: shipped with this tracking number already is done. TOP refuses to ship a shipped trade; such
// a refusal is checked against the trade again, since TOP's error codes for it are not documented.
import { PlatformRefusedError, type ConnectorContext, type ShipmentPush } from '../connector';
import { TopClient } from './client';
import { topCompanyCode } from './couriers';
import { fetchTrade, type Trade } from './records';
import type { TaobaoSettings } from './settings';

function shippedWith(trade: Trade, trackingNumber: string): 'this' | 'another' | 'not yet' {
  const numbers = trade.orders.map((order) => order.invoice_no).filter(Boolean);
  if (numbers.includes(trackingNumber)) return 'this';
  return numbers.length ? 'another' : 'not yet';
}

export async function pushShipment(
  ctx: ConnectorContext<TaobaoSettings>,
  push: ShipmentPush,
): Promise<{ platformRef: string }> {
  const companyCode = topCompanyCode(push.courier);
  if (!companyCode) throw new PlatformRefusedError(`TOP has no company code for the courier ${push.courier}`);
  const client = new TopClient(ctx);
  const done = { platformRef: `${push.orderId}:${push.trackingNumber}` };
  const before = shippedWith(await fetchTrade(client, push.orderId), push.trackingNumber);
  if (before === 'this') return done;
  if (before === 'another')
    throw new PlatformRefusedError(`trade ${push.orderId} was shipped on Taobao with another tracking number`);
  try {
    const answer = await client.seller('taobao.logistics.offline.send', {
      tid: push.orderId,
      out_sid: push.trackingNumber,
      company_code: companyCode,
    });
    if ((answer.shipping as { is_success?: unknown } | undefined)?.is_success !== true)
      throw new PlatformRefusedError(`TOP did not confirm the shipment of trade ${push.orderId}`);
  } catch (err) {
    if (!(err instanceof PlatformRefusedError)) throw err;
    if (shippedWith(await fetchTrade(client, push.orderId), push.trackingNumber) === 'this') return done;
    throw err;
  }
  return done;
}
