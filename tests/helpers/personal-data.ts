// Orders as a buyer's personal data test needs them: closed, as old as asked, with every kind of
// row a real one leaves holding that buyer's details, and the text of all those rows to search.
import { randomUUID } from 'node:crypto';
import type { OrderInput } from '../../api/order-schema';
import type { PrismaClient } from '../../activities/prisma-client';
import { orderWorkflowId } from '../../workflows/definitions';
import { recordSampleOrder } from './orders';

const DAY = 86_400_000;

export type Buyer = ReturnType<ReturnType<typeof personalDataFixtures>['buyer']>;

export function personalDataFixtures(db: () => PrismaClient) {
  /** A buyer whose every detail is unique, so a search of the rows' text finds only this order's. */
  function buyer(id = `buyer-${randomUUID().slice(0, 8)}`) {
    const digits = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    return {
      id,
      name: `王${randomUUID().slice(0, 6)}`,
      phone: `139${digits}`,
      email: `${id}@mail.example.cn`,
      street: `文一路 ${digits} 号`,
      newStreet: `天目山路 ${digits} 号`,
    };
  }

  /**
   * A completed order with everything a real one leaves: its posted intake, the `placed` and
   * `address_changed` events, the workflow's change, a message to the buyer, a case in the buyer's
   * words with its log and an agent's task note. `ageDays` backdates all of it.
   */
  async function completedOrder(shopId: string, who: Buyer, ageDays: number): Promise<OrderInput> {
    const shippingAddress = {
      recipient: who.name,
      phone: who.phone,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      street: who.street,
    };
    const order = await recordSampleOrder(db(), {
      shopId,
      buyer: { id: who.id, name: who.name, phone: who.phone, email: who.email },
      shippingAddress,
    });
    const { orderId } = order;
    const then = new Date(Date.now() - ageDays * DAY);
    const month = new Date('2026-03-10T04:00:00Z');
    const workflowId = orderWorkflowId(shopId, orderId);
    const caseId = `case-${randomUUID().slice(0, 8)}`;
    await db().orderLogEntry.createMany({
      data: [
        {
          shopId,
          orderId,
          entryId: 'event:placed',
          kind: 'EVENT',
          type: 'placed',
          actor: 'platform',
          data: order,
          payloadHash: '1'.repeat(64),
          at: then,
          recordedAt: then,
        },
        {
          shopId,
          orderId,
          entryId: 'event:addr',
          kind: 'EVENT',
          type: 'address_changed',
          actor: 'buyer',
          reason: `${who.name} 搬家了`,
          flagged: false,
          data: { shippingAddress: { ...shippingAddress, street: who.newStreet } },
          at: then,
          recordedAt: then,
        },
        {
          shopId,
          orderId,
          entryId: `${workflowId}:address`,
          kind: 'CHANGE',
          type: 'address_changed',
          actor: 'buyer',
          reason: `${who.name} 搬家了`,
          flagged: true,
          data: { eventId: 'addr' },
          at: then,
          recordedAt: then,
        },
        {
          shopId,
          orderId,
          entryId: `${workflowId}:shipped`,
          kind: 'CHANGE',
          type: 'status SHIPPED',
          actor: 'workflow',
          data: { courier: '中通快递', trackingNumber: '75312345678901' },
          at: then,
          recordedAt: then,
        },
      ],
    });
    await db().message.create({
      data: {
        id: `${workflowId}:shipped:SMS`,
        shopId,
        orderId,
        buyerId: who.id,
        workflowId,
        audience: 'BUYER',
        channel: 'SMS',
        template: 'shipment_notice',
        locale: 'zh-CN',
        recipient: who.phone,
        subject: `订单${orderId}已发货`,
        body: `您好，您的订单${orderId}已发出`,
        status: 'SENT',
        sentAt: then,
      },
    });
    await db().afterSalesCase.create({
      data: {
        shopId,
        caseId,
        orderId,
        workflowId: `case:${shopId}:${caseId}`,
        type: 'REFUND_ONLY',
        status: 'REFUNDED',
        situation: 'no_reason',
        channel: 'chat',
        openedBy: 'buyer',
        description: `我是${who.name}，电话${who.phone}`,
        locale: 'zh-CN',
        accessToken: `token-${caseId}`,
        currency: 'CNY',
        payloadHash: '2'.repeat(64),
        openedAt: month,
        closedAt: then,
      },
    });
    await db().caseLogEntry.create({
      data: {
        shopId,
        caseId,
        entryId: 'event:note',
        kind: 'EVENT',
        type: 'return_shipped',
        actor: 'buyer',
        data: { courier: '顺丰速运', trackingNumber: 'SF1234567890123', note: who.phone },
        at: then,
        recordedAt: then,
      },
    });
    await db().task.create({
      data: {
        id: `${workflowId}:chase`,
        shopId,
        kind: 'chase_payment',
        queue: 'PRE_SALES',
        status: 'DONE',
        title: `Chase ${orderId}`,
        details: { rule: 'O2', orderId },
        outcome: { reached: true, note: `打给 ${who.phone} 找到 ${who.name}` },
        workflowId,
        orderId,
        dueAt: then,
        completedAt: then,
      },
    });
    await db().order.update({
      where: { shopId_orderId: { shopId, orderId } },
      data: {
        status: 'COMPLETED',
        paidAt: month,
        shipDueAt: new Date(month.getTime() + DAY),
        shippedAt: new Date(month.getTime() + DAY / 2),
        courier: '中通快递',
        trackingNumber: '75312345678901',
      },
    });
    // Prisma dates `updated_at` itself; only SQL can make the rows as old as the test needs.
    await db().$executeRaw`UPDATE orders SET updated_at = ${then} WHERE shop_id = ${shopId} AND order_id = ${orderId}`;
    await db().$executeRaw`UPDATE cases SET updated_at = ${then} WHERE shop_id = ${shopId} AND case_id = ${caseId}`;
    await db()
      .$executeRaw`UPDATE order_intakes SET received_at = ${then} WHERE shop_id = ${shopId} AND order_id = ${orderId}`;
    return order;
  }

  /** Every row the database keeps about the order, as one text. */
  async function rowsOf(shopId: string, orderId: string): Promise<string> {
    const cases = await db().afterSalesCase.findMany({ where: { shopId, orderId } });
    const rows = {
      order: await db().order.findUnique({ where: { shopId_orderId: { shopId, orderId } }, include: { items: true } }),
      intake: await db().orderIntake.findUnique({ where: { shopId_orderId: { shopId, orderId } } }),
      log: await db().orderLogEntry.findMany({ where: { shopId, orderId } }),
      messages: await db().message.findMany({ where: { shopId, orderId } }),
      tasks: await db().task.findMany({ where: { shopId, orderId } }),
      cases,
      caseLog: await db().caseLogEntry.findMany({ where: { shopId, caseId: { in: cases.map((c) => c.caseId) } } }),
    };
    return JSON.stringify(rows, (_, value) => (typeof value === 'bigint' ? String(value) : value));
  }

  function expectNoPersonalData(text: string, who: Buyer) {
    for (const detail of [who.name, who.phone, who.email, who.street, who.newStreet, who.id])
      expect(text).not.toContain(detail);
  }

  function expectPersonalData(text: string, who: Buyer) {
    for (const detail of [who.name, who.phone, who.street]) expect(text).toContain(detail);
  }

  return { buyer, completedOrder, rowsOf, expectNoPersonalData, expectPersonalData };
}
