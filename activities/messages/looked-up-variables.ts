// Variables a workflow must not carry, because its history keeps everything it passes: a case's
// progress link holds the buyer's access token (A1); the shop's return address (A4) is read as it
// is when the message goes, not as it was when the case opened. The outbox fills them in from the
// database when it sends. A value the workflow did pass (a case started before the link was looked up)
// stands, so that its message reads as it always would have.
// The same goes for what a workflow has only in raw form: a staff notice names the task by its
// title and order (from the task's row), and the kind, queue and due time the workflow passes as
// codes and an ISO time are put in words, the time on the shop's clock with its zone (T3).
import { ApplicationFailure } from '@temporalio/common';
import { kindName, localTime, orderRef, queueName, taskCaseId, taskText } from '../../api/task-texts';
import type { Task } from '../../generated/prisma/client';
import type { Locale, ShopPolicy } from '../../workflows/shop-policy';
import type { PrismaClient } from '../prisma-client';
import { progressLink, returnAddressLine } from '../progress-link';
import type { SendMessageRequest } from './outbox';
import { TEMPLATES, type EnrichedVariable, type LookedUpVariable, type TemplateDefinition } from './templates';

interface Sending {
  prisma: PrismaClient;
  request: SendMessageRequest;
  policy: ShopPolicy;
  /** PUBLIC_BASE_URL: where buyers' links start unless the shop set its own page. */
  publicBaseUrl: string;
  locale: Locale;
  /** The task the message is about (variables.taskId), read once. */
  task: () => Promise<Task | null>;
}

type LookUp = (sending: Sending) => Promise<string>;

const NO_RETURN_ADDRESS = { 'zh-CN': '客服稍后告知的地址', en: 'the address our agent will send you' } as const;

const LOOK_UP: Record<LookedUpVariable, LookUp> = {
  async progressUrl({ prisma, request: { shopId, variables }, policy, publicBaseUrl }) {
    const { caseId } = variables;
    const kase = caseId
      ? await prisma.afterSalesCase.findUnique({
          where: { shopId_caseId: { shopId, caseId } },
          select: { accessToken: true },
        })
      : null;
    if (!caseId || !kase)
      throw ApplicationFailure.nonRetryable(
        `No case ${caseId} of shop ${shopId} to link the message to`,
        'UnknownCase',
      );
    return progressLink(policy, publicBaseUrl, shopId, caseId, kase.accessToken);
  },
  async returnAddress({ policy, locale }) {
    return returnAddressLine(policy, locale) ?? NO_RETURN_ADDRESS[locale];
  },
  async taskTitle({ request, policy, locale, task }) {
    const row = await task();
    const kind = row?.kind ?? request.variables.kind ?? '';
    const details =
      row?.details !== null && typeof row?.details === 'object' && !Array.isArray(row.details)
        ? (row.details as Record<string, unknown>)
        : {};
    const title = row
      ? taskText(
          kind,
          { orderId: row.orderId, caseId: taskCaseId(row), details, timeZone: policy.timeZone },
          locale,
          row.title,
        ).title
      : '';
    // A title that would not pass as a variable (none should) gives way to the kind's name.
    return TEMPLATES.task_escalated.variables.shape.taskTitle.safeParse(title).success ? title : kindName(kind, locale);
  },
  async taskOrder({ request, locale, task }) {
    return orderRef(request.orderId ?? (await task())?.orderId, locale);
  },
};

const ENRICH: Record<EnrichedVariable, (raw: string, sending: Sending) => string> = {
  kind: (raw, { locale }) => kindName(raw, locale),
  queue: (raw, { locale }) => queueName(raw, locale),
  dueAt: (raw, { policy }) =>
    /^\d{4}-\d{2}-\d{2}T/.test(raw) && !Number.isNaN(Date.parse(raw))
      ? localTime(Date.parse(raw), policy.timeZone)
      : raw,
};

/** The request's variables with its template's looked-up ones filled in and its raw ones put in words. */
export async function withLookedUpVariables(
  prisma: PrismaClient,
  request: SendMessageRequest,
  policy: ShopPolicy,
  publicBaseUrl: string,
): Promise<SendMessageRequest> {
  const definition = TEMPLATES[request.template] as TemplateDefinition;
  if (!definition.lookedUp?.length && !definition.enriched?.length) return request;
  let task: Promise<Task | null> | undefined;
  const sending: Sending = {
    prisma,
    request,
    policy,
    publicBaseUrl,
    locale: request.locale ?? policy.messages.defaultLocale,
    task: () =>
      (task ??= request.variables.taskId
        ? prisma.task.findUnique({ where: { id: request.variables.taskId } })
        : Promise.resolve(null)),
  };
  const variables = { ...request.variables };
  for (const name of definition.lookedUp ?? []) variables[name] ??= await LOOK_UP[name](sending);
  for (const name of definition.enriched ?? [])
    if (variables[name] !== undefined) variables[name] = ENRICH[name](variables[name], sending);
  return { ...request, variables };
}
