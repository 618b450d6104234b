// Variables a workflow must not carry, because its history keeps everything it passes: a case's
// progress link holds the buyer's access token (A1). The outbox fills them in from the database
// when it sends. A value the workflow did pass (a case started before the link was looked up)
// stands, so that its message reads as it always would have.
import { ApplicationFailure } from '@temporalio/common';
import { caseProgressUrl } from '../../workflows/definitions';
import type { ShopPolicy } from '../../workflows/shop-policy';
import type { PrismaClient } from '../prisma-client';
import type { SendMessageRequest } from './outbox';
import { TEMPLATES, type LookedUpVariable, type TemplateDefinition } from './templates';

type LookUp = (prisma: PrismaClient, request: SendMessageRequest, policy: ShopPolicy) => Promise<string>;

const LOOK_UP: Record<LookedUpVariable, LookUp> = {
  async progressUrl(prisma, { shopId, variables }, policy) {
    const { caseId } = variables;
    const kase = caseId ? await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: { shopId, caseId } }, select: { accessToken: true } }) : null;
    if (!caseId || !kase) throw ApplicationFailure.nonRetryable(`No case ${caseId} of shop ${shopId} to link the message to`, 'UnknownCase');
    return caseProgressUrl(policy.cases.progressPageUrl, shopId, caseId, kase.accessToken);
  },
};

/** The request's variables with its template's looked-up ones filled in. */
export async function withLookedUpVariables(prisma: PrismaClient, request: SendMessageRequest, policy: ShopPolicy): Promise<SendMessageRequest> {
  const variables = { ...request.variables };
  for (const name of (TEMPLATES[request.template] as TemplateDefinition).lookedUp ?? []) variables[name] ??= await LOOK_UP[name](prisma, request, policy);
  return { ...request, variables };
}
