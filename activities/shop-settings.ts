// A shop's settings as activities and the API read them: the stored policy, or the defaults.
import { DEFAULT_SHOP_POLICY, shopPolicySchema, type ShopPolicy } from './shop-policy-schema';
import type { PrismaClient } from './prisma-client';

export async function loadShopPolicy(prisma: PrismaClient, shopId: string): Promise<ShopPolicy> {
  const shop = await prisma.shop.findUnique({ where: { shopId } });
  // Parsed again: a policy stored before a new setting existed gets that setting's default.
  return shop ? shopPolicySchema.parse(shop.policy) : DEFAULT_SHOP_POLICY;
}
