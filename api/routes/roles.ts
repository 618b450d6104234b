// Who may do what, in the words the route table uses: one list per kind of caller.
import type { ShopRole } from '../../generated/prisma/enums';

export const PLATFORM: readonly ShopRole[] = ['platform'];
/** The shop's people who read orders and cases: everyone but a platform key. */
export const PEOPLE_WHO_READ: readonly ShopRole[] = ['agent', 'supervisor', 'admin'];
/** Who works tasks; which tasks depends on their queues (tasks.ts). */
export const TASK_WORKERS: readonly ShopRole[] = ['agent', 'supervisor', 'admin'];
export const SUPERVISORS: readonly ShopRole[] = ['supervisor', 'admin'];
export const ADMIN: readonly ShopRole[] = ['admin'];
