// A1: the buyer's progress link. The shop's own page (policy cases.progressPageUrl) when it set
// one, else the API's page under the deployment's public address (PUBLIC_BASE_URL, or where the
// API listens). Policies stored before the setting could be left empty hold the old default,
// http://localhost:3000/cases, which no shop chose (a PUT fills every default in): it counts as unset.
import { caseProgressUrl } from '../workflows/definitions';
import type { ShopPolicy } from './shop-policy-schema';

export const LEGACY_PROGRESS_PAGE_URL = 'http://localhost:3000/cases';
/** Where the API listens by default (HOST 127.0.0.1, API_PORT 3000): config/env.ts's publicBaseUrl for the defaults. */
export const DEFAULT_PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

/** `<page>`, to which `/<shopId>/<caseId>/progress?token=…` is added. */
export function progressPageBase(policy: Pick<ShopPolicy, 'cases'>, publicBaseUrl: string): string {
  const page = policy.cases.progressPageUrl;
  return page && page !== LEGACY_PROGRESS_PAGE_URL ? page.replace(/\/+$/, '') : `${publicBaseUrl}/cases`;
}

export function progressLink(
  policy: Pick<ShopPolicy, 'cases'>,
  publicBaseUrl: string,
  shopId: string,
  caseId: string,
  accessToken: string,
): string {
  return caseProgressUrl(progressPageBase(policy, publicBaseUrl), shopId, caseId, accessToken);
}

/** A4: the shop's return address on one line (name and phone after it), or null when the shop has none. */
export function returnAddressLine(policy: Pick<ShopPolicy, 'cases'>, locale: 'zh-CN' | 'en'): string | null {
  const { name, phone, address } = policy.cases.returnAddress;
  if (!address) return null;
  const who = [name, phone].filter(Boolean);
  if (!who.length) return address;
  return locale === 'zh-CN' ? `${address}（${who.join(' ')}）` : `${address} (${who.join(', ')})`;
}
