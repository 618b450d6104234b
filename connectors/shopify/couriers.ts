// Couriers between the product's names (中通快递, ZTO) and the tracking company names Shopify
// knows (FulfillmentTrackingInfo.company): for those, Shopify builds the tracking link and follows
// the parcel, which is what makes fulfillments/update report its scans. A name Shopify does not
// know is sent as it is: the fulfillment is still made, only without Shopify's tracking.
const SHOPIFY_COMPANIES: readonly { company: string; ours: string; aliases: readonly string[] }[] = [
  { company: 'SF Express', ours: '顺丰速运', aliases: ['顺丰', 'SF', 'SF EXPRESS'] },
  { company: 'ZTO Express', ours: '中通快递', aliases: ['中通', 'ZTO'] },
  { company: 'YTO Express', ours: '圆通速递', aliases: ['圆通', 'YTO'] },
  { company: 'STO Express', ours: '申通快递', aliases: ['申通', 'STO'] },
  { company: 'Yunda Express', ours: '韵达快递', aliases: ['韵达', 'YUNDA'] },
  { company: 'China Post', ours: '中国邮政', aliases: ['邮政', 'CHINA POST'] },
  { company: 'China EMS (ePacket)', ours: 'EMS', aliases: ['中国邮政EMS', '邮政EMS'] },
  { company: 'JD Logistics', ours: '京东物流', aliases: ['京东快递', '京东', 'JD'] },
  { company: 'Cainiao', ours: '菜鸟', aliases: ['菜鸟裹裹', 'CAINIAO'] },
];

const key = (name: string) => name.trim().toUpperCase();

/** The tracking company to give Shopify for the product's courier. */
export function shopifyCompanyFor(courier: string): string {
  const wanted = key(courier);
  const known = SHOPIFY_COMPANIES.find(
    (c) => key(c.company) === wanted || key(c.ours) === wanted || c.aliases.some((a) => key(a) === wanted),
  );
  return known?.company ?? courier.trim();
}

/** The product's name for the courier of a Shopify fulfillment (the product's courier field holds 20 characters). */
export function ourCourierFor(company: string | undefined): string {
  if (!company) return 'Other';
  const known = SHOPIFY_COMPANIES.find((c) => key(c.company) === key(company));
  return (known?.ours ?? company.trim()).slice(0, 20).trim();
}
