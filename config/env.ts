// Process configuration for the worker and the API, read once from the environment and checked,
// so a typo fails at start with the variable's name instead of later with a connection error.
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback unless told otherwise: the API holds buyers' data and can move money. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The operator's key for deployments (api/access/bootstrap.ts); at least 32 random characters. */
  ADMIN_API_KEY: z.string().min(32, 'at least 32 random characters (e.g. openssl rand -base64 32)').optional(),
  /** Requests per minute per credential (or address), and per order, case or task. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(1200),
  RATE_LIMIT_PER_TARGET_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
