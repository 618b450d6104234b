// The outbound URL guard. A shop admin configures the addresses the worker calls (its webhook, its
// payment gateway, its SMS endpoint); without this rule one could name 127.0.0.1:5432 or the
// cloud's metadata service and have the worker probe the inside of the deployment for them. So a
// URL must be https to a public address, unless its host is one the deployment itself lists in
// OUTBOUND_ALLOWED_HOSTS (its intranet gateway, the tests' local peers), which may be http and private.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

/** The failure code of a call the guard stopped, in the outbox's and the refund ledger's words. */
export const OUTBOUND_URL_REFUSED = 'OUTBOUND_URL_REFUSED';

/** Thrown by the senders that share one (signed-post.ts); `message` says why without the URL, whose query may hold a token. */
export class OutboundUrlRefusedError extends Error {
  readonly code = OUTBOUND_URL_REFUSED;
  constructor(reason: string) {
    super(reason);
    this.name = 'OutboundUrlRefusedError';
  }
}

/** Host names that never lead to the public internet, whatever the DNS answers today. */
function nameProblem(host: string): string | undefined {
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is this machine`;
  // A name without a domain is completed with the machine's search domains: an intranet host.
  if (!host.includes('.')) return `${host} is not a public host name`;
  // Reserved for local networks (RFC 6762 mDNS, RFC 8375) and private DNS zones (ICANN's .internal).
  if (/\.(local|internal|home\.arpa)$/.test(host)) return `${host} is a local network name`;
  return undefined;
}

/** Why an IP address is not public, by ipaddr.js's name of its range; IPv4-mapped IPv6 is judged as the IPv4 it maps. */
function addressProblem(address: string, host: string): string | undefined {
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return undefined;
  return host === address
    ? `${host} is not a public address (${range})`
    : `${host} resolves to ${address}, which is not a public address (${range})`;
}

/** The URL's host as a bare name or address: no IPv6 brackets, no trailing root dot. */
function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

function isAllowed(url: URL, allowedHosts: readonly string[]): boolean {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowedHosts.includes(url.hostname) || allowedHosts.includes(`${url.hostname}:${port}`);
}

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Why the URL may not be called, from its text alone (scheme, literal address, well-known local
 * names), or undefined when it may. Synchronous, for the API's schemas at configuration time;
 * `allowedHosts` are `host` or `host:port` entries (OUTBOUND_ALLOWED_HOSTS).
 */
export function outboundUrlProblem(url: string, allowedHosts: readonly string[]): string | undefined {
  const target = parsed(url);
  if (!target || !['http:', 'https:'].includes(target.protocol)) return 'must be an http(s) URL';
  if (isAllowed(target, allowedHosts)) return undefined;
  if (target.protocol !== 'https:')
    return `must use https (${target.hostname} is not among the deployment's allowed hosts)`;
  const host = bareHost(target);
  return isIP(host) ? addressProblem(host, host) : nameProblem(host);
}

/** A URL field held to the outbound rule, for the API's request schemas. */
export function outboundUrlSchema(allowedHosts: readonly string[]) {
  return z.url({ protocol: /^https?$/ }).superRefine((url, ctx) => {
    // Another scheme is z.url's to name: one problem per field.
    if (!/^https?:/i.test(url)) return;
    const problem = outboundUrlProblem(url, allowedHosts);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

export type LookupAll = (host: string) => Promise<readonly { address: string }[]>;

const systemLookup: LookupAll = (host) => lookup(host, { all: true });

/**
 * At send time: outboundUrlProblem, and every address the host resolves to must be public too, so
 * a public name the shop points at 10.0.0.5 (or rebinds there after configuration) is refused.
 * A name that does not resolve passes: the request then fails as unreachable, and is retried.
 * fetch resolves the name again, so an attacker's DNS can still answer differently in between;
 * this narrows that window to milliseconds, it does not close it.
 */
export async function outboundUrlRefusal(
  url: string,
  allowedHosts: readonly string[],
  lookupAll: LookupAll = systemLookup,
): Promise<string | undefined> {
  const problem = outboundUrlProblem(url, allowedHosts);
  if (problem) return problem;
  const target = new URL(url);
  const host = bareHost(target);
  if (isAllowed(target, allowedHosts) || isIP(host)) return undefined;
  let addresses: readonly { address: string }[];
  try {
    addresses = await lookupAll(host);
  } catch {
    return undefined;
  }
  for (const { address } of addresses) {
    const resolved = addressProblem(address, host);
    if (resolved) return resolved;
  }
  return undefined;
}
