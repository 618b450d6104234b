// Process configuration for the worker and the API, read once from the environment and checked,
// so a typo fails at start with the variable's name instead of later with a connection error.
import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { decodeSecretsKey } from './secret-box';

/** Loopback, like the API: the SDK's metrics endpoint asks for no credential. 9464 is Prometheus' usual exporter port. */
export const DEFAULT_WORKER_METRICS_ADDRESS = '127.0.0.1:9464';

// The Core SDK binds the address as a socket address: an IP literal, not a host name.
function isSocketAddress(text: string): boolean {
  const match = /^(?:\[(.+)\]|([^:]+)):(\d{1,5})$/.exec(text);
  return !!match && (match[1] ? isIPv6(match[1]) : isIPv4(match[2])) && Number(match[3]) <= 65535;
}

const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback unless told otherwise: the API holds buyers' data and can move money. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * The address buyers reach the API at (the progress page and its links): scheme, host and port,
   * no path, e.g. https://shop.example.cn. Default: where the API listens (publicBaseUrl below).
   */
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) address such as https://shop.example.cn' })
    .max(60)
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /** The operator's key for deployments (api/access/bootstrap.ts); at least 32 random characters. */
  ADMIN_API_KEY: z.string().min(32, 'at least 32 random characters (e.g. openssl rand -base64 32)').optional(),
  /** Requests per minute per credential (or address), and per order, case or task. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_PER_TARGET_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Where the worker serves the Temporal SDK's metrics for Prometheus (worker/runtime.ts). */
  WORKER_METRICS_ADDRESS: z
    .string()
    .default(DEFAULT_WORKER_METRICS_ADDRESS)
    .refine(
      isSocketAddress,
      'must be <IPv4>:<port> or [<IPv6>]:<port>, e.g. 127.0.0.1:9464 (an address, not a host name)',
    ),
  /**
   * Workflows the worker keeps in memory between their tasks (the sticky cache). The SDK's default
   * follows the heap limit (about 2,300 on a 4 GiB heap), so RSS kept growing with the number of
   * live orders and cases. The SDK measured about 1 MiB per cached workflow in a reused V8 context:
   * 50 bound the cache to some 50 MiB over the ~225 MiB the worker has once it polls, and stay above
   * the 40 workflow tasks the SDK runs at once (it lowers that to the cache size). An evicted
   * workflow is replayed from its history at its next task: CPU, not correctness. 0 turns it off.
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(50),
  /** Where the workbench links a workflow: the Temporal Web UI people reach (the dev server's, by default). */
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:8233'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Hosts (`name`, `name:port`, `[v6]:port`) a shop may point webhooks and gateways at over http or on a private address. */
  OUTBOUND_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(
            /^([a-z0-9.-]+|\[[0-9a-f:.]+\])(:\d{1,5})?$/,
            'must list host names or host:port, separated by commas',
          ),
      ),
    ),
  /** Checked here so a malformed key stops the process at start; config/secret-box.ts reads it. */
  SECRETS_KEY: z
    .string()
    .optional()
    .superRefine((text, ctx) => {
      const key = text === undefined ? undefined : decodeSecretsKey(text);
      if (typeof key === 'string') ctx.addIssue({ code: 'custom', message: key });
    }),
});

export type Env = z.infer<typeof envSchema>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}

/**
 * The deployment's public base address: PUBLIC_BASE_URL, or the API's own address as it listens
 * (HOST and API_PORT; a wildcard host is reached on loopback). Buyers' progress links start with
 * it unless the shop set its own page (policy cases.progressPageUrl).
 */
export function publicBaseUrl(
  env: Pick<Env, 'PUBLIC_BASE_URL' | 'HOST' | 'API_PORT'>,
  port: number = env.API_PORT,
): string {
  if (env.PUBLIC_BASE_URL) return env.PUBLIC_BASE_URL;
  const host = env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST === '::' ? '::1' : env.HOST;
  return `http://${isIPv6(host) ? `[${host}]` : host}:${port}`;
}
