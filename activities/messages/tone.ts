// M2: the tone of seed 004 (客服的态度) in a buyer's message: address the buyer as 您, no bare 不, no
// blame, thanks with a reason; no exclamation marks, ellipses or interjections. The default texts
// are held to it (tests/unit/message-templates.test.ts), and a shop's own text gets the same check
// when it is previewed or stored (api/routes/shop-templates.ts): there as advice, since a
// heuristic must not stop a shop from saying what it needs to.
import type { Locale } from '../../workflows/shop-policy';

// Seed 004 asks agents to avoid a flat 不 when refusing. A 不 is allowed only where it names our
// own shortcoming or is the seed's prescribed softener, never where it refuses the buyer:
//   不便     给您带来不便 — the inconvenience we caused;
//   不周     是我们的工作不周 — blame taken by the shop;
//   不好意思 the opener seed 004 itself prescribes before a gentle refusal.
const ALLOWED_BU = ['不好意思', '不便', '不周'];

// Blame (the buyer's fault, the buyer's omission), pressure and rhetorical questions (seed 004 items
// 6 and 10); 否则 turns a request into a threat.
const ZH_BLAME = [
  '您的错',
  '怪您',
  '您没有',
  '您未',
  '您忘',
  '您自己',
  '请您自己',
  '由于您',
  '因为您',
  '您的原因',
  '买家原因',
  '您应该',
  '您必须',
  '务必',
  '难道',
  '否则',
];
// Each with the words a shop is shown.
const EN_BLAME: [RegExp, string][] = [
  [/your fault/i, 'your fault'],
  [
    /\byou (failed|forgot|did not|didn't|should have|must|need to)\b/i,
    'you failed/forgot/did not/should have/must/need to',
  ],
  [/\bbecause (of )?you\b/i, 'because (of) you'],
  [/\bdue to you\b/i, 'due to you'],
  [/\bnot our fault\b/i, 'not our fault'],
];

/** Thanks with its reason: 感谢/谢谢, optionally 您, then the reason up to the end of the clause
 *  (感谢您的耐心等待, 感谢您选择本店, 感谢您对本店的支持). A linking 的/对 and closing particles are no
 *  reason; what remains must be two characters or more, so 谢谢。 and 感谢您了 fail. */
function zhThanksReasons(text: string): string[] {
  return [...text.matchAll(/(?:感谢|谢谢)您?([^，。；：？！、,.;:?!]*)/g)].map(([, reason]) =>
    reason.replace(/^[的对]/, '').replace(/[了啦呀哦啊]+$/, ''),
  );
}

/** Everything seed 004's tone rules find wrong in a buyer's zh-CN text. `whole` is the body, which
 *  goes out alone by SMS and must carry 您 and the thanks itself; a subject is only held to the
 *  "never" rules. */
export function zhToneProblems(text: string, whole: boolean): string[] {
  const problems: string[] = [];
  if (whole && !text.includes('您')) problems.push('addresses the buyer without 您');
  if (/[你妳]/.test(text)) problems.push('uses 你 instead of 您');
  if (ALLOWED_BU.reduce((rest, word) => rest.replaceAll(word, ''), text).includes('不'))
    problems.push(`has a 不 outside ${ALLOWED_BU.join('/')}`);
  if (whole && !zhThanksReasons(text).some((reason) => [...reason].length >= 2))
    problems.push('has no thanks with a reason (感谢您的…)');
  for (const phrase of ZH_BLAME) if (text.includes(phrase)) problems.push(`blames or presses the buyer: ${phrase}`);
  // Seed 004 item 9: no exclamation marks, ellipses or interjections such as 额/哦/恩/晕/唉.
  if (/[！!]|…|\.\.\./.test(text)) problems.push('has an exclamation mark or an ellipsis');
  if (/(^|[，。？；\s])[额哦恩嗯晕唉]/.test(text)) problems.push('opens a clause with an interjection');
  // Seed 004 item 1: 亲 is overused as a form of address.
  if (/(^|[，。\s])亲[，,～~]|亲爱的/.test(text)) problems.push('addresses the buyer as 亲');
  return problems;
}

/** The same rules for an English text: "Thank you for …" with its reason, no blame, no bare "No.". */
export function enToneProblems(text: string, whole: boolean): string[] {
  const problems: string[] = [];
  if (whole && !/\bthank you for \w+/i.test(text)) problems.push('has no "Thank you for …" with a reason');
  for (const [blame, words] of EN_BLAME) if (blame.test(text)) problems.push(`blames or presses the buyer: ${words}`);
  if (/(^|[.;:]\s*)No[.!,]/.test(text)) problems.push('has a bare "No."');
  if (/!|…|\.\.\./.test(text)) problems.push('has an exclamation mark or an ellipsis');
  return problems;
}

export interface ToneProblem {
  field: 'subject' | 'body';
  message: string;
}

/** The tone problems of a buyer's text in `locale`: the body held to every rule, a subject (when
 *  it has one) to the "never" ones. */
export function toneProblems(locale: Locale, text: { subject?: string | null; body: string }): ToneProblem[] {
  const check = locale === 'zh-CN' ? zhToneProblems : enToneProblems;
  return [
    ...(text.subject == null
      ? []
      : check(text.subject, false).map((message) => ({ field: 'subject' as const, message }))),
    ...check(text.body, true).map((message) => ({ field: 'body' as const, message })),
  ];
}
