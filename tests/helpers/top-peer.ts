// One local TOP per test file, and a shop connected to it the way the core would hand the
// connector its settings: parsed by the connector's own schema, with the stubs the core provides
// (saveSettings keeps what it is given; ownShipment and ownRefund answer from what a test says the
// product itself sent). Before each test the peer forgets everything and the seller is authorised anew.
import type { ConnectorContext } from '../../connectors/connector';
import { taobaoSettingsSchema, type TaobaoSettings } from '../../connectors/taobao/settings';
import { TEST_ALLOWED_HOSTS } from './outbound';
import { TopPeer, type PeerRefund, type PeerTrade } from '../peers/top-peer';

export const TOP_APP = { appKey: '23456789', appSecret: 'top-app-secret-0123456789abcdef' };
export const SELLER = 'tb-seller-cup';
const DAY_MS = 24 * 3600 * 1000;

export function runTopPeerDuringTests(): TopPeer {
  const peer = new TopPeer(TOP_APP);
  beforeAll(() => peer.listen());
  beforeEach(() => peer.reset());
  afterAll(() => peer.close());
  return peer;
}

export interface TestShop extends ConnectorContext<TaobaoSettings> {
  /** Every settings saveSettings was given, in order. */
  saved: TaobaoSettings[];
  /** Tracking numbers the product itself sent to TOP. */
  ownTracking: Set<string>;
  /** Taobao refund ids the product itself agreed to. */
  ownRefunds: Set<string>;
}

/** A shop whose seller TOP has just authorised (the key valid a day unless `sessionTtlMs` says otherwise). */
export function connectShop(peer: TopPeer, overrides: Record<string, unknown> = {}, sessionTtlMs = DAY_MS): TestShop {
  const grant = peer.authorise(SELLER, sessionTtlMs);
  const settings = taobaoSettingsSchema(TEST_ALLOWED_HOSTS).parse({
    gatewayUrl: peer.gatewayUrl,
    oauthUrl: peer.tokenUrl,
    ...TOP_APP,
    sessionKey: grant.sessionKey,
    refreshToken: grant.refreshToken,
    sessionExpiresAt: grant.expiresAt.toISOString(),
    sellerNick: SELLER,
    timeoutMs: 1000,
    ...overrides,
  });
  const shop: TestShop = {
    shopId: 'shop-tb-1',
    settings,
    outboundAllowedHosts: TEST_ALLOWED_HOSTS,
    saved: [],
    ownTracking: new Set(),
    ownRefunds: new Set(),
    async saveSettings(next) {
      shop.saved.push(next);
      shop.settings = next;
    },
    ownShipment: async (_orderId, match) => (match.trackingNumber ? shop.ownTracking.has(match.trackingNumber) : false),
    ownRefund: async (_orderId, refundId) => shop.ownRefunds.has(refundId),
  };
  return shop;
}

/** A tid past 2^53, as TOP's newer trades are: JSON.parse alone would change it. */
export const TID = '4012345678901234567';

/**
 * A paid trade of a buyer whose data TOP protects (OAID): 2 × 49.50 + 10.00 of goods and 8.00
 * postage, less a 5.00 shop coupon and a 3.00 Tmall coupon, with the price lowered by 2.00 (改价):
 * 107.00 paid.
 */
export function sampleTrade(overrides: Partial<PeerTrade> = {}): PeerTrade {
  return {
    tid: TID,
    seller_nick: SELLER,
    status: 'WAIT_SELLER_SEND_GOODS',
    type: 'fixed',
    payment: '107.00',
    post_fee: '8.00',
    created: '2026-11-23 10:00:00',
    pay_time: '2026-11-23 10:05:00',
    modified: '2026-11-23 10:05:00',
    buyer_open_uid: 'AAHk5d-EAAeGwJedwSFu0Xyz',
    buyer_nick: 't**1',
    receiver_name: '张**',
    receiver_mobile: '*******5678',
    receiver_state: '浙江省',
    receiver_city: '杭州市',
    receiver_district: '西湖区',
    receiver_address: '文三路***号',
    oaid: '1ZcxE2X6lVtGZqEz2N8Ljw5RkJ4Bs0zW',
    orders: [
      {
        oid: '4012345678901234568',
        title: '保温杯',
        num: 2,
        price: '49.50',
        outer_sku_id: 'CUP-500',
        adjust_fee: '-2.00',
      },
      { oid: '4012345678901234569', title: '杯盖', num: 1, price: '10.00', outer_sku_id: 'LID-1' },
    ],
    promotion_details: [
      { promotion_id: 'shopbonus-22001', promotion_name: '店铺优惠券', discount_fee: '5.00' },
      { promotion_id: 'Tmall$tspAll-8801', promotion_name: '天猫购物券', discount_fee: '3.00' },
    ],
    ...overrides,
  };
}

export const REFUND_ID = '3012345678901234560';

/** The buyer asks 10.00 back for the lid, without returning it. */
export function sampleRefund(overrides: Partial<PeerRefund> = {}): PeerRefund {
  return {
    refund_id: REFUND_ID,
    tid: TID,
    oid: '4012345678901234569',
    seller_nick: SELLER,
    status: 'WAIT_SELLER_AGREE',
    refund_fee: '10.00',
    has_good_return: false,
    reason: '七天无理由退换货',
    desc: '不想要了',
    created: '2026-11-24 09:00:00',
    modified: '2026-11-24 09:00:00',
    refund_phase: 'onsale',
    refund_version: 1795480800000,
    ...overrides,
  };
}
