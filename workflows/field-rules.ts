// Field rules that an agent's task outcome (task-kinds.ts) shares with the API's bodies. They are
// here, in the workflow bundle, only because the waiting workflow validates an outcome too; the
// API's other field rules are in api/field-rules.ts and stay out of the bundle.
import { z } from 'zod';

export const courierSchema = z.string().trim().min(1).max(20);
export const trackingNumberSchema = z.string().regex(/^[A-Za-z0-9-]{6,40}$/, '6-40 letters, digits or "-"');
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY');
/** An amount as a person types it into a decision, and as the API stores it: yuan with exactly two decimals. */
export const exactAmountSchema = z.string().regex(/^\d{1,10}\.\d{2}$/, 'an amount in yuan with two decimals such as 59.00');
