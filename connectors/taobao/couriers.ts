// The couriers as the product names them (中通快递, or already TOP's code) and TOP's logistics
// company codes (taobao.logistics.companies.get) that taobao.logistics.offline.send takes.
const TOP_COMPANY_CODES: Readonly<Record<string, string>> = {
  中通快递: 'ZTO',
  中通: 'ZTO',
  顺丰速运: 'SF',
  顺丰: 'SF',
  圆通速递: 'YTO',
  圆通: 'YTO',
  韵达快递: 'YUNDA',
  韵达: 'YUNDA',
  申通快递: 'STO',
  申通: 'STO',
  京东物流: 'JD',
  京东快递: 'JD',
  EMS: 'EMS',
  中国邮政: 'POSTB',
  邮政快递包裹: 'POSTB',
  百世快递: 'HTKY',
  天天快递: 'TTKDEX',
};
const CODES = new Set(Object.values(TOP_COMPANY_CODES));

/** TOP's code for the courier, or undefined when it is not one TOP knows by that name. */
export function topCompanyCode(courier: string): string | undefined {
  const name = courier.trim();
  if (CODES.has(name.toUpperCase())) return name.toUpperCase();
  return TOP_COMPANY_CODES[name];
}
