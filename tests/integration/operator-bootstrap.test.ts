// The deployment's first credential: ADMIN_API_KEY stands for the operator, and replaces a key made
// at an earlier first start.
import { ensureOperator, OPERATOR_ID } from '../../api/access/bootstrap';
import { API_KEY_PREFIX, newCredential, sha256 } from '../../api/access/credentials';
import { testPrisma } from '../helpers/database';

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

test('ADMIN_API_KEY becomes the operator’s key; the key made at the first start is revoked, a changed variable replaces the first', async () => {
  const earlier = newCredential(API_KEY_PREFIX);
  await prisma.identity.upsert({
    where: { id: OPERATOR_ID },
    create: { id: OPERATOR_ID, kind: 'MACHINE', name: 'operator', operator: true },
    update: {},
  });
  await prisma.apiKey.create({ data: { id: earlier.id, identityId: OPERATOR_ID, hash: sha256(earlier.secret) } });

  expect(await ensureOperator(prisma, 'first-deployment-key-0123456789abcdef')).toEqual({ made: 'from_env' });
  expect(await ensureOperator(prisma, 'second-deployment-key-0123456789abcdef')).toEqual({ made: 'from_env' });

  const keys = await prisma.apiKey.findMany({ where: { identityId: OPERATOR_ID } });
  expect(keys.filter((key) => !key.revokedAt).map((key) => key.hash)).toEqual([
    sha256('second-deployment-key-0123456789abcdef'),
  ]);
  expect(keys.find((key) => key.id === earlier.id)?.revokedAt).not.toBeNull();
});
