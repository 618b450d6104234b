// What counts as a buyer's personal data inside the JSON the back office keeps (the posted order,
// events' data, tasks' outcomes): the buyer's identity and contact, the address, and the free text
// a person typed. Everything else (ids, amounts, item lines, statuses, times, couriers, tracking
// numbers) stays, so that figures and the ledger still add up after an erasure.

/** What an erased text column holds when it cannot be null. */
export const ERASED = '(erased)';

/** Keys whose values are dropped wherever they occur. */
const PERSONAL_KEYS = new Set([
  'name',
  'phone',
  'email',
  'recipient',
  'province',
  'city',
  'district',
  'street',
  'postalCode',
  'buyerName',
  'buyerPhone',
  'buyerEmail',
  // Taobao's handle for an encrypted receiver: with the shop's entitlement it decrypts to the person.
  'oaid',
  // Free text: agents' notes and buyers' own words can hold anything.
  'note',
  'description',
]);

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** `value` without personal fields; the buyer object keeps its tier only (its id is the buyer's platform handle). */
export function withoutPersonalFields(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutPersonalFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !PERSONAL_KEYS.has(key))
      .map(([key, field]) => [key, key === 'buyer' ? buyerTierOnly(field) : withoutPersonalFields(field)]),
  );
}

function buyerTierOnly(buyer: Json): Json {
  return buyer !== null && typeof buyer === 'object' && !Array.isArray(buyer) && 'tier' in buyer
    ? { tier: buyer.tier }
    : {};
}

/** The scrubbed value when it differs from `value`, else undefined (nothing to write). */
export function scrubbed(value: unknown): Json | undefined {
  if (value === null || value === undefined) return undefined;
  const clean = withoutPersonalFields(value as Json);
  return JSON.stringify(clean) === JSON.stringify(value) ? undefined : clean;
}
