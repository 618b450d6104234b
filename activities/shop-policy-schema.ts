// A shop's policy: every duration, cut-off and limit of ../shared/domain.md as a setting with the
// documented default, validated here and nowhere else. Read and changed through the API
// (GET/PUT /shops/:shopId/policy); fields left out of a PUT take their defaults. Workflows read
// the policy's type and vocabularies from workflows/shop-policy.ts and never load this module.
//
// Each field says here, once, which rule it belongs to and what it means, in zh-CN and en
// (`doc`, as zod metadata): the OpenAPI document shows it, and GET /shops/:shopId/policy/fields
// (api/policy-fields.ts) makes the Settings page's form of it. A field without it fails
// tests/unit/policy-fields.test.ts.
import { z } from 'zod';
import { COMPENSATION_OFFERS, durationMs, LOCALES, MESSAGE_CHANNELS, REVIEW_RATINGS } from '../workflows/shop-policy';

/** What a policy field says about itself: the rule it serves and its label and description in both languages. */
export type PolicyFieldDoc = {
  /** A rule id of docs/rules.md (`O4`, `A3/A5/A6`), or `PIPL` for the privacy law's retention. */
  'x-rule'?: string;
  /** The English label (JSON Schema's title) and description. */
  title: string;
  description?: string;
  'x-title-zh-CN': string;
  'x-description-zh-CN'?: string;
};

/** A field's documentation: `en` and `zh` are [label, description]. */
const doc = (rule: string, en: [string, string], zh: [string, string]): PolicyFieldDoc => ({
  'x-rule': rule,
  title: en[0],
  description: en[1],
  'x-title-zh-CN': zh[0],
  'x-description-zh-CN': zh[1],
});
/** A section's heading (and, where it says more than its fields, its description). */
const heading = (en: string | [string, string], zh: string | [string, string]): PolicyFieldDoc =>
  typeof en === 'string' || typeof zh === 'string'
    ? { title: String(en), 'x-title-zh-CN': String(zh) }
    : { title: en[0], description: en[1], 'x-title-zh-CN': zh[0], 'x-description-zh-CN': zh[1] };

/** The kinds of value a policy field holds beyond JSON Schema's own types, so a form can pick its input. */
export type PolicyValueKind = 'duration' | 'timeOfDay' | 'timeZone' | 'amount' | 'url';
const kind = (of: PolicyValueKind, more: Record<string, unknown> = {}) => ({ 'x-type': of, ...more });

const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM, e.g. 22:00')
  .meta(kind('timeOfDay'));
/**
 * A duration of at least `floor`. Floors stay at or below one minute, the smallest duration before
 * seconds existed, because stored policies are parsed again on every load. Timers that only hurry
 * the shop's people or the platform (task due times, auto-confirmations, the refund and reply
 * windows) go down to seconds, so a benchmark runs an order through without waiting days; a
 * window the buyer acts in (paying, returning, changing a review) and a reminder's pace do not.
 */
const duration = (floor: string) =>
  z
    .string()
    .regex(/^[1-9]\d*(s|m|h|d)$/, {
      message: 'a duration as a whole number of seconds, minutes, hours or days, e.g. 30s, 30m, 2h, 7d',
      abort: true,
    })
    .refine((value) => durationMs(value) >= durationMs(floor), `at least ${floor}`)
    .meta(
      kind('duration', {
        'x-at-least': floor,
        description: `A duration: a whole number of seconds (s), minutes (m), hours (h) or days (d), at least ${floor}`,
      }),
    );
const shopPaced = duration('1s');
const buyerPaced = duration('1m');
/** Zones already found valid: building a DateTimeFormat to ask costs more than the rest of a policy's parse, which every activity does. */
const knownTimeZones = new Set<string>();
const timeZone = z
  .string()
  .refine(
    (zone) => {
      if (knownTimeZones.has(zone)) return true;
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
      } catch {
        return false;
      }
      knownTimeZones.add(zone);
      return true;
    },
    { message: 'an IANA time zone, e.g. Asia/Shanghai' },
  )
  .meta(kind('timeZone'));
/** O13: a buyer's tier as the shop names it. */
export const buyerTierSchema = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a tier name such as VIP');
const yuan = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, 'an amount in yuan such as 5 or 30.00')
  .meta(kind('amount'));

// The project's defaults (the handbooks give none): what was lost or wrong is sent again, a defect
// the buyer keeps is partly refunded, an unkind or slow service earns a coupon.
const DEFAULT_COMPENSATION = {
  lost_parcel: { offer: 'REISSUE' },
  damaged_parcel: { offer: 'REISSUE' },
  returned_parcel: { offer: 'REISSUE' },
  missing_item: { offer: 'REISSUE' },
  wrong_item: { offer: 'REISSUE' },
  late_delivery: { offer: 'COUPON', percent: 5, min: '5.00', max: '30.00' },
  quality_defect: { offer: 'PARTIAL_REFUND', percent: 20, min: '5.00', max: '200.00' },
  not_as_described: { offer: 'PARTIAL_REFUND', percent: 10, min: '5.00', max: '100.00' },
  service_attitude: { offer: 'COUPON', percent: 5, min: '10.00', max: '20.00' },
} as const;
// Every field has a default, so an absent section is the empty object (zod cannot see that through the generic).
const section = <T extends z.core.$ZodShape>(about: PolicyFieldDoc, shape: T) =>
  z
    .strictObject(shape)
    .prefault({} as never)
    .meta(about);
const dailyWindow = (about: PolicyFieldDoc, start: [string, PolicyFieldDoc], end: [string, PolicyFieldDoc]) =>
  z
    .strictObject({ start: timeOfDay.default(start[0]).meta(start[1]), end: timeOfDay.default(end[0]).meta(end[1]) })
    .prefault({})
    .meta(about);

export const shopPolicySchema = z.strictObject({
  timeZone: timeZone
    .default('Asia/Shanghai')
    .meta(
      doc(
        'M3/O8',
        ['Time zone', "The shop's clock: quiet hours, cut-offs and daily caps are read in it"],
        ['时区', '店铺的时钟：免打扰时段、发货截止时间和每日上限都按此时区计算'],
      ),
    ),
  messages: section(heading('Messages', '消息'), {
    quietHours: dailyWindow(
      heading(
        ['Quiet hours', 'Nothing reaches a buyer inside them; a held message goes out when they end'],
        ['免打扰时段', '此时段内不向买家发送任何消息，暂缓的消息在结束后发出'],
      ),
      [
        '22:00',
        doc(
          'M3',
          ['Quiet hours start', "From this time of day (the shop's clock) nothing reaches a buyer"],
          ['免打扰开始', '从此时刻起（店铺时间）不向买家发送任何消息'],
        ),
      ],
      [
        '08:00',
        doc(
          'M3',
          ['Quiet hours end', 'Messages held during quiet hours go out from this time of day'],
          ['免打扰结束', '免打扰期间暂缓的消息从此时刻起发出'],
        ),
      ],
    ),
    capPerOrderPerDay: z
      .int()
      .min(1)
      .max(20)
      .default(3)
      .meta(
        doc(
          'M3',
          [
            'Messages per order per day',
            "Follow-ups (reminders, care, review requests) one order may send a buyer in one of the shop's days; service messages are not counted",
          ],
          [
            '每单每日消息上限',
            '一个订单在店铺的一天内最多向买家发送的跟进消息（提醒、关怀、邀评）条数；服务消息不计入',
          ],
        ),
      ),
    defaultLocale: z
      .enum(LOCALES)
      .default('zh-CN')
      .meta(
        doc(
          'M2',
          ['Default language', 'The language of messages when a step names none'],
          ['默认语言', '流程未指定语言时消息使用的语言'],
        ),
      ),
    sms: section(
      heading(
        ['SMS provider limits', "Alibaba Cloud SMS's own limits; the provider's clock is China's"],
        ['短信服务商限制', '阿里云短信自身的限制，按中国时间计算'],
      ),
      {
        perPhoneAndTemplatePerDay: z
          .int()
          .min(1)
          .max(50)
          .default(50)
          .meta(
            doc(
              'M3',
              [
                'SMS per phone and template per day',
                'Alibaba Cloud allows at most 50 notifications a day to one phone with one template',
              ],
              ['每号码每模板每日短信数', '阿里云对同一手机号、同一模板每天最多发送 50 条通知'],
            ),
          ),
        sendWindow: dailyWindow(
          heading('SMS send window', '短信发送时段'),
          [
            '08:00',
            doc(
              'M3',
              ['SMS window start', 'SMS go out from this time of day (the SMS time zone)'],
              ['短信发送开始', '从此时刻起（按短信时区）发送短信'],
            ),
          ],
          [
            '22:00',
            doc(
              'M3',
              ['SMS window end', 'From this time of day no SMS goes out until the window opens again'],
              ['短信发送结束', '从此时刻起停止发送短信，直到下一个发送时段开始'],
            ),
          ],
        ),
        timeZone: timeZone
          .default('Asia/Shanghai')
          .meta(
            doc(
              'M3',
              ['SMS time zone', "The provider's clock, in which the SMS window is read"],
              ['短信时区', '短信服务商的时钟，短信发送时段按此时区计算'],
            ),
          ),
      },
    ),
  }),
  tasks: section(heading("Agents' tasks", '客服任务'), {
    responseTarget: shopPaced
      .default('2m')
      .meta(
        doc(
          'T2',
          ['Response target', "The reply time agents' task latency is measured against"],
          ['响应目标', '衡量客服任务响应速度的目标时长'],
        ),
      ),
    responseLimit: shopPaced
      .default('30m')
      .meta(
        doc(
          'T2',
          ['Response limit', 'Never leave a buyer longer than this; a task claimed later counts as over the limit'],
          ['响应上限', '买家等待不得超过此时长；晚于此认领的任务计为超时'],
        ),
      ),
  }),
  orders: section(
    heading(
      [
        'Orders',
        'The order rules (O1-O13). An order keeps the values it started with (a snapshot in its input), so a change applies to orders placed from then on',
      ],
      ['订单', '订单规则（O1-O13）。每个订单沿用下单时的设置，修改只对此后的新订单生效'],
    ),
    {
      notifyChannel: z
        .enum(MESSAGE_CHANNELS)
        .default('WEBHOOK')
        .meta(
          doc(
            'M1/O9',
            [
              'Order messages channel',
              "How buyers are told about their order; the platform's chat is the shop's webhook",
            ],
            ['订单消息渠道', '通过哪个渠道把订单消息告知买家；平台聊天（旺旺/千牛）即店铺的 Webhook'],
          ),
        ),
      payment: section(heading('Payment reminders', '催付'), {
        cutoffReminderBefore: buyerPaced
          .default('1h')
          .meta(
            doc(
              'O1',
              ['Cut-off reminder lead time', 'The afternoon reminder goes this long before the shipping cut-off'],
              ['截单前提醒提前量', '下午的催付提醒在发货截止时间前多久发出'],
            ),
          ),
        cutoffReminderMinAge: buyerPaced
          .default('30m')
          .meta(
            doc(
              'O1',
              [
                'Cut-off reminder minimum order age',
                'Only orders placed at least this long before the cut-off reminder get it',
              ],
              ['截单提醒最短下单时长', '在截单提醒前至少已下单这么久的订单才会收到提醒'],
            ),
          ),
        unpaidReminderAfter: buyerPaced
          .default('12h')
          .meta(
            doc(
              'O1',
              ['Unpaid reminder after', 'The reminder to an order still unpaid this long after it was placed'],
              ['未付款提醒时间', '下单后仍未付款多久时发送催付提醒'],
            ),
          ),
        maxReminders: z
          .int()
          .min(0)
          .max(3)
          .default(2)
          .meta(
            doc(
              'O1',
              ['Payment reminders at most', 'Payment reminders per order; 0 sends none'],
              ['最多催付次数', '每个订单最多发送的催付提醒数；0 表示不催付'],
            ),
          ),
        chaseAfter: buyerPaced
          .default('24h')
          .meta(
            doc(
              'O2',
              [
                'Chase task after',
                "An unpaid order's chase task enters the shared pre-sales queue this long after placing",
              ],
              ['追单任务时间', '未付款订单在下单后多久进入共享售前队列，由任一客服追单'],
            ),
          ),
        autoCloseAfter: buyerPaced
          .default('72h')
          .meta(
            doc(
              'O3',
              ['Close unpaid after', 'Unpaid (or unconfirmed cash-on-delivery) orders close this long after placing'],
              ['未付款自动关闭', '未付款（或货到付款未确认）的订单在下单后多久自动关闭'],
            ),
          ),
      }),
      duplicates: section(heading('Duplicate orders', '重复下单'), {
        window: shopPaced
          .default('30m')
          .meta(
            doc(
              'O3',
              ['Duplicate window', 'The same buyer ordering the same items within this is a suspected duplicate'],
              ['重复下单判定时长', '同一买家在此时长内拍下相同商品，视为疑似重复下单'],
            ),
          ),
        confirmWithin: shopPaced
          .default('2h')
          .meta(
            doc(
              'O3',
              ['Confirm duplicate within', 'An agent confirms with the buyer which order to close within this'],
              ['重复订单确认时限', '客服须在此时限内与买家确认关闭哪一笔'],
            ),
          ),
      }),
      cashOnDelivery: section(heading('Cash on delivery', '货到付款'), {
        confirmWithin: shopPaced
          .default('2h')
          .meta(
            doc(
              'O4',
              [
                'Confirmation call within',
                'An agent calls a cash-on-delivery buyer within this; nothing ships before the buyer confirms',
              ],
              ['确认电话时限', '客服须在此时限内致电货到付款的买家确认；确认前不发货'],
            ),
          ),
        callAttempts: z
          .int()
          .min(1)
          .max(5)
          .default(3)
          .meta(
            doc(
              'O4',
              ['Call attempts', 'Calls to a buyer who does not answer, at most'],
              ['呼叫次数', '联系不上买家时最多拨打的次数'],
            ),
          ),
      }),
      address: section(heading('Address confirmation', '核对收件信息'), {
        replyWithin: shopPaced
          .default('2h')
          .meta(
            doc(
              'O5',
              [
                'Wait for the reply',
                "The buyer's reply about address and courier is awaited this long; then the order ships with what is on file",
              ],
              ['等待回复时长', '等待买家回复收件信息和快递的时长；超时按已有信息发货'],
            ),
          ),
        defaultCourier: z
          .string()
          .min(1)
          .max(20)
          .default('中通快递')
          .meta(
            doc(
              'O5',
              ['Default courier', 'Ships the orders whose buyer names no courier'],
              ['默认快递', '买家未指定快递时使用的快递公司'],
            ),
          ),
      }),
      stock: section(heading('Stock', '库存'), {
        resolveWithin: shopPaced
          .default('2h')
          .meta(
            doc(
              'O7',
              [
                'Settle out-of-stock within',
                'Customer service settles an out-of-stock item (restock, exchange or cancel) within this',
              ],
              ['缺货处理时限', '客服须在此时限内处理缺货（补货、换货或取消）'],
            ),
          ),
      }),
      shipping: section(
        heading(
          ['Shipping', 'One batch a day; paid before the cut-off ships that day'],
          ['发货', '每天一个发货批次；截止时间前付款的订单当天发货'],
        ),
        {
          cutoff: timeOfDay
            .default('16:30')
            .meta(
              doc(
                'O8',
                [
                  'Shipping cut-off',
                  "Orders paid before this time of day (the shop's clock) ship that day; the warehouse is warned at it",
                ],
                ['发货截止时间', '此时刻（店铺时间）前付款的订单当天发货；到点未打包会提醒仓库'],
              ),
            ),
          escalateAfter: shopPaced
            .default('24h')
            .meta(
              doc(
                'O8',
                [
                  'Escalate a late shipment after',
                  'An order not shipped this long after payment goes to the supervisor',
                ],
                ['发货超时升级', '付款后多久仍未发货，升级给客服主管'],
              ),
            ),
          apologiseAfter: shopPaced
            .default('48h')
            .meta(
              doc(
                'O8',
                [
                  'Apologise after',
                  'An order not shipped this long after payment: the buyer gets an apology and the compensation',
                ],
                ['发货超时致歉', '付款后多久仍未发货，向买家致歉并给予补偿'],
              ),
            ),
          compensation: section(
            heading(
              [
                'Late-shipment compensation',
                "Taobao's late-shipment compensation: a share of the price within a floor and a ceiling",
              ],
              ['延迟发货补偿', '淘宝的延迟发货补偿：按订单金额的比例，限定在上下限之间'],
            ),
            {
              percent: z
                .number()
                .min(0)
                .max(100)
                .default(5)
                .meta(
                  doc(
                    'O8',
                    ['Compensation percent', "The share of the order's price, in percent"],
                    ['补偿比例', '按订单金额计算的百分比'],
                  ),
                ),
              min: yuan
                .default('5.00')
                .meta(doc('O8', ['Compensation at least', 'The floor, in yuan'], ['补偿下限', '最低补偿金额（元）'])),
              max: yuan
                .default('30.00')
                .meta(doc('O8', ['Compensation at most', 'The ceiling, in yuan'], ['补偿上限', '最高补偿金额（元）'])),
            },
          ),
        },
      ),
      tracking: section(heading('Parcel tracking', '物流跟踪'), {
        noScanAfter: shopPaced
          .default('3d')
          .meta(
            doc(
              'O10',
              ['No scan for', 'A parcel with no new scan for this long is a problem parcel'],
              ['无物流更新时长', '包裹超过此时长没有新的物流记录即视为疑难件'],
            ),
          ),
        followUpWithin: shopPaced
          .default('24h')
          .meta(
            doc(
              'O10',
              ['Follow up within', "A problem parcel's follow-up task is due within this"],
              ['跟进时限', '疑难件的跟进任务须在此时限内完成'],
            ),
          ),
      }),
      receipt: section(heading('Receipt and review', '确认收货与评价'), {
        autoConfirmAfter: shopPaced
          .default('10d')
          .meta(
            doc(
              'O11',
              ['Confirm receipt after', 'The platform confirms receipt this long after shipping'],
              ['自动确认收货', '发货后多久平台自动确认收货'],
            ),
          ),
        reviewWindow: shopPaced
          .default('15d')
          .meta(
            doc(
              'O12',
              ['Review window', 'After receipt the buyer has this long to review'],
              ['评价期限', '确认收货后买家可以评价的时长'],
            ),
          ),
      }),
      reviews: section(heading('Review repair', '中差评处理'), {
        repairRatings: z
          .array(z.enum(REVIEW_RATINGS))
          .default(['neutral', 'negative'])
          .meta(
            doc(
              'O12/R1',
              ['Ratings that start a repair', 'A review with one of these ratings starts a review-repair case'],
              ['触发处理的评价', '收到这些评价时开启中差评处理'],
            ),
          ),
        repairWithin: shopPaced
          .default('7d')
          .meta(
            doc(
              'R2',
              ['Repair within', "The agent's repair is due within this, then escalated"],
              ['处理时限', '客服须在此时限内完成中差评处理，超时升级'],
            ),
          ),
        changeWindow: buyerPaced
          .default('30d')
          .meta(
            doc(
              'R3',
              ['Review change window', 'How long after the review the buyer can still change it'],
              ['修改评价期限', '评价后买家仍可修改评价的时长'],
            ),
          ),
        changeable: z
          .boolean()
          .default(true)
          .meta(
            doc(
              'R3',
              ['Reviews can be changed', 'Off where reviews cannot change (Tmall)'],
              ['评价可修改', '评价不能修改的平台（如天猫）请关闭'],
            ),
          ),
        appealWithin: shopPaced
          .default('3d')
          .meta(
            doc(
              'R4',
              [
                'Appeal evidence within',
                'The evidence for an appeal against a malicious review is collected within this',
              ],
              ['申诉取证时限', '恶意差评的申诉证据须在此时限内收集'],
            ),
          ),
      }),
      tiers: section(heading('Customer tiers', '客户等级'), {
        callInsteadOfMessage: z
          .array(buyerTierSchema)
          .max(20)
          .default(['VIP'])
          .meta(
            doc(
              'O13',
              [
                'Tiers called instead of messaged',
                'Buyers of these tiers get a call from an agent instead of a payment-reminder message',
              ],
              ['电话代替消息的等级', '这些等级的买家由客服致电，而不发送催付消息'],
            ),
          ),
        callWithin: shopPaced
          .default('2h')
          .meta(
            doc(
              'O13',
              ['Call within', "The agent's call to such a buyer is due within this"],
              ['致电时限', '客服须在此时限内致电此类买家'],
            ),
          ),
      }),
    },
  ),
  cases: section(
    heading(
      ['After-sales', 'The after-sales rules (A1-A7); a case keeps the values it opened with'],
      ['售后', '售后规则（A1-A7）；每个售后单沿用创建时的设置'],
    ),
    {
      notifyChannel: z
        .enum(MESSAGE_CHANNELS)
        .default('WEBHOOK')
        .meta(
          doc(
            'M1/A1',
            ['Case messages channel', 'How buyers are told about their case'],
            ['售后消息渠道', '通过哪个渠道把售后进展告知买家'],
          ),
        ),
      // Empty (the default): the API's own page under the deployment's PUBLIC_BASE_URL (activities/progress-link.ts).
      progressPageUrl: z
        .union([z.literal(''), z.url({ protocol: /^https?$/ }).max(80)])
        // Said again on the union, where the form reads a field's limit.
        .meta(kind('url', { maxLength: 80 }))
        .default('')
        .meta(
          doc(
            'A1',
            [
              'Progress page',
              "Where the buyer follows the case: <this>/<shopId>/<caseId>/progress?token=…. Empty: the API's own page at the deployment's public address (PUBLIC_BASE_URL); a shop's page at the same path can render it",
            ],
            [
              '进度查询页',
              '买家查看售后进度的地址：<此地址>/<店铺>/<售后单号>/progress?token=…；留空则用本系统自带的页面（部署的公开地址 PUBLIC_BASE_URL），店铺自己的页面可用同样路径展示',
            ],
          ),
        ),
      returnAddress: section(
        heading(
          [
            'Return address',
            "Where returns go, shown on the buyer's page and in the return instructions; empty: an agent sends it",
          ],
          ['退货地址', '退货寄回的地址，显示在买家进度页和退货说明中；留空则由客服另行告知'],
        ),
        {
          name: z
            .string()
            .trim()
            .max(40)
            .default('')
            .meta(
              doc(
                'A4',
                ['Recipient', 'Who receives returns (a person or the returns desk)'],
                ['收件人', '退货收件人（个人或售后组）'],
              ),
            ),
          phone: z
            .string()
            .trim()
            .max(30)
            .default('')
            .meta(
              doc('A4', ['Phone', "The returns desk's phone, for the courier"], ['电话', '售后收货电话，供快递员联系']),
            ),
          address: z
            .string()
            .trim()
            .max(200)
            .default('')
            .meta(doc('A4', ['Address', 'The full address returns are sent to'], ['地址', '退货寄回的完整地址'])),
        },
      ),
      firstResponseWithin: shopPaced
        .default('2h')
        .meta(
          doc(
            'A2',
            ['First response within', "An agent's first response is due within this, then the supervisor takes it"],
            ['首次响应时限', '客服须在此时限内首次响应，超时由主管接手'],
          ),
        ),
      decideBeforeShipmentWithin: shopPaced
        .default('48h')
        .meta(
          doc(
            'A3',
            [
              'Decide before shipment within',
              'A request before shipment that nobody decided on is approved by the platform after this',
            ],
            ['发货前申请处理时限', '发货前的申请在此时限内无人处理，平台将自动同意'],
          ),
        ),
      decideAfterShipmentWithin: shopPaced
        .default('5d')
        .meta(
          doc(
            'A3',
            [
              'Decide after shipment within',
              'A request after shipment that nobody decided on is approved by the platform after this',
            ],
            ['发货后申请处理时限', '发货后的申请在此时限内无人处理，平台将自动同意'],
          ),
        ),
      autoApprove: section(heading('Automatic approval', '自动同意'), {
        refundUpTo: yuan
          .default('0.00')
          .meta(
            doc(
              'A3',
              [
                'Approve refunds up to',
                'Refund requests up to this amount are approved at once (0: none); never above the supervisor threshold',
              ],
              ['自动同意退款上限', '不超过此金额的退款申请自动同意（0 表示不自动同意）；不能高于主管审批金额'],
            ),
          ),
        tiers: z
          .array(buyerTierSchema)
          .max(20)
          .default([])
          .meta(
            doc(
              'A3',
              ['Approve buyers of tiers', 'Requests from buyers of these tiers are approved at once'],
              ['自动同意的客户等级', '这些等级买家的申请自动同意'],
            ),
          ),
      }),
      supervisorApprovalAbove: yuan
        .default('200.00')
        .meta(
          doc(
            'A3/A5/A6',
            [
              'Supervisor approval above',
              "A refund or compensation above this needs a supervisor's approval; no shop rule approves more",
            ],
            ['主管审批金额', '退款或补偿超过此金额须主管审批；店铺规则不能自动同意更高的金额'],
          ),
        ),
      returnWithin: buyerPaced
        .default('7d')
        .meta(
          doc(
            'A4',
            ['Return within', 'The buyer sends the item back within this'],
            ['退货寄回时限', '买家须在此时限内寄回商品'],
          ),
        ),
      receiptWithin: shopPaced
        .default('10d')
        .meta(
          doc(
            'A4',
            [
              'Confirm a return within',
              'The seller confirms receipt of a return within this, else the platform refunds',
            ],
            ['确认收到退货时限', '商家须在此时限内确认收到退货，否则平台退款'],
          ),
        ),
      noReasonReturnWindow: buyerPaced
        .default('7d')
        .meta(
          doc(
            'A4',
            [
              'No-reason return window',
              'No-reason returns are open this long from the day after sign-for (Chinese e-commerce law)',
            ],
            ['无理由退货期', '自签收次日起可无理由退货的时长（电子商务法）'],
          ),
        ),
      inspectWithin: shopPaced
        .default('12h')
        .meta(
          doc(
            'A4',
            ['Inspect a return within', 'The warehouse inspects and restocks a return within this'],
            ['退货验收时限', '仓库须在此时限内验收退货并入库'],
          ),
        ),
      refundWithin: shopPaced
        .default('24h')
        .meta(
          doc(
            'A5',
            ['Refund within', 'A received return is refunded within this'],
            ['退款时限', '收到退货后须在此时限内退款'],
          ),
        ),
      refundAttempts: z
        .int()
        .min(1)
        .max(20)
        .default(5)
        .meta(
          doc(
            'A5',
            ['Refund attempts', "Calls to the payment gateway before the refund becomes a supervisor's task"],
            ['退款尝试次数', '调用支付网关多少次仍未成功，转给主管处理'],
          ),
        ),
      shipReplacementWithin: shopPaced
        .default('48h')
        .meta(
          doc(
            'A4',
            ['Ship a replacement within', "An exchange's or reissue's new parcel leaves within this"],
            ['换货/补发时限', '换货或补发的新包裹须在此时限内发出'],
          ),
        ),
      compensation: z
        .record(
          z.string().regex(/^[a-z_]{2,32}$/, 'a situation such as lost_parcel'),
          z
            .strictObject({
              offer: z.enum(COMPENSATION_OFFERS),
              percent: z.number().min(0).max(100).optional(),
              min: yuan.optional(),
              max: yuan.optional(),
            })
            .refine((entry) => entry.offer === 'REISSUE' || entry.percent !== undefined, {
              message: 'a coupon or partial refund needs its percent of the order',
              path: ['percent'],
            }),
        )
        .default(DEFAULT_COMPENSATION)
        .meta(
          doc(
            'A6',
            [
              'Compensation table',
              "From situation (such as lost_parcel) to offer: REISSUE, or a COUPON or PARTIAL_REFUND of percent of the order's total, within min and max (yuan)",
            ],
            [
              '补偿规则表',
              '按情形（如 lost_parcel）给出补偿：补发（REISSUE），或按订单金额百分比（percent）计算、限定在 min 与 max（元）之间的优惠券（COUPON）或部分退款（PARTIAL_REFUND）',
            ],
          ),
        ),
    },
  ).refine((cases) => Number(cases.autoApprove.refundUpTo) <= Number(cases.supervisorApprovalAbove), {
    message: 'a shop rule cannot approve more than a supervisor must approve (cases.supervisorApprovalAbove)',
    path: ['autoApprove', 'refundUpTo'],
    // Only between two valid amounts: a malformed one is named once, by its own field.
    when: ({ issues }) =>
      !issues.some((issue) => ['autoApprove', 'supervisorApprovalAbove'].includes(String(issue.path?.[0]))),
  }),
  privacy: section(heading('Privacy', '隐私'), {
    erasePersonalDataAfter: buyerPaced
      .default('365d')
      .meta(
        doc(
          'PIPL',
          [
            'Erase personal data after',
            "Buyers' names, phones and addresses are erased this long after their order's last change, leaving ids and figures (PIPL/GDPR)",
          ],
          [
            '个人信息保留期',
            '订单最后一次变更后多久删除买家的姓名、电话和地址，只保留编号和统计数据（个人信息保护法）',
          ],
        ),
      ),
  }),
});

export type ShopPolicy = z.output<typeof shopPolicySchema>;
export type ShopPolicyInput = z.input<typeof shopPolicySchema>;

export const DEFAULT_SHOP_POLICY: ShopPolicy = shopPolicySchema.parse({});
