// Variables a workflow must not carry, because its history keeps everything it passes: a case's
// progress link holds the buyer's access token (A1); the shop's return address (A4) is read as it
// is when the message goes, not as it was when the case opened. The outbox fills them in from the
// database when it sends. A value the workflow did pass (a case started before the link was looked up)
// stands, so that its message reads as it always would have.
import { ApplicationFailure } from '@temporalio/common';
import type { ShopPolicy } from '../../workflows/shop-policy';
import type { PrismaClient } from '../prisma-client';
import { progressLink, returnAddressLine } from '../progress-link';
import type { SendMessageRequest } from './outbox';
import { TEMPLATES, type LookedUpVariable, type TemplateDefinition } from './templates';

type LookUp = (prisma: PrismaClient, request: SendMessageRequest, policy: ShopPolicy, publicBaseUrl: string) => Promise<string>;

const NO_RETURN_ADDRESS = { 'zh-CN': '客服稍后告知的地址', en: 'the address our agent will send you' } as const;

const LOOK_UP: Record<LookedUpVariable, LookUp> = {
  async progressUrl(prisma, { shopId, variables }, policy, publicBaseUrl) {
    const { caseId } = variables;
    const kase = caseId ? await prisma.afterSalesCase.findUnique({ where: { shopId_caseId: { shopId, caseId } }, select: { accessToken: true } }) : null;
    if (!caseId || !kase) throw ApplicationFailure.nonRetryable(`No case ${caseId} of shop ${shopId} to link the message to`, 'UnknownCase');
    return progressLink(policy, publicBaseUrl, shopId, caseId, kase.accessToken);
  },
  async returnAddress(_prisma, { locale }, policy) {
    const language = locale ?? policy.messages.defaultLocale;
    return returnAddressLine(policy, language) ?? NO_RETURN_ADDRESS[language];
  },
};

/** The request's variables with its template's looked-up ones filled in. */
export async function withLookedUpVariables(prisma: PrismaClient, request: SendMessageRequest, policy: ShopPolicy, publicBaseUrl: string): Promise<SendMessageRequest> {
  const variables = { ...request.variables };
  for (const name of (TEMPLATES[request.template] as TemplateDefinition).lookedUp ?? []) variables[name] ??= await LOOK_UP[name](prisma, request, policy, publicBaseUrl);
  return { ...request, variables };
}
