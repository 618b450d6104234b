// A1/A4: the buyer's progress page, server-rendered: where the case stands, what comes next and by
// when on the shop's clock, and while the case awaits the return, where to send it and a form for
// the courier and tracking number. No script, no font or file from elsewhere (it works offline and
// under the API's content security policy), nothing about the buyer: the case's id, type and stage.
// Links are relative, so the page works behind a proxy that serves it under another prefix. The
// form's post always sends the browser back here (303: a reload never posts again), a mistake
// with what the buyer typed, to be shown next to its field.
import { createHash } from 'node:crypto';
import type { Locale } from '../workflows/shop-policy';
import type { CaseProgress } from './case-progress';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;color:#1f2328;background:#f5f6f8}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.25rem;margin:.5rem 0 1rem}
h2{font-size:1.05rem;margin:0 0 .5rem}
section{background:#fff;border-radius:.5rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
dl{margin:0}dt{color:#59636e;font-size:.875rem}dd{margin:0 0 .5rem}
.stage{font-size:1.15rem;font-weight:600}
.notice{background:#dafbe1;border:1px solid #4ac26b}
.warn{background:#fff8c5;border:1px solid #d4a72c}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input{width:100%;font:inherit;padding:.6rem;border:1px solid #d1d9e0;border-radius:.375rem}
input[aria-invalid=true]{border-color:#cf222e}
.error{color:#cf222e;margin:.25rem 0 0;font-size:.9rem}
button{margin-top:1rem;width:100%;font:inherit;font-weight:600;padding:.7rem;border:0;border-radius:.375rem;background:#1f6feb;color:#fff}
nav{text-align:center;font-size:.9rem}a{color:#0969da}
`;

/**
 * The page's own security policy, in place of the API's default: the stylesheet above by its hash,
 * no script at all, forms only to this address. (The default's upgrade-insecure-requests would
 * send the form to https on a plain-http deployment.)
 */
export const PAGE_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  'img-src data:',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The headers every page goes with: its policy, and never kept by a cache (the address holds the case's token). */
export const PAGE_HEADERS = { 'Content-Security-Policy': PAGE_SECURITY_POLICY, 'Cache-Control': 'no-store' };

const TYPES: Record<string, Record<Locale, string>> = {
  RETURN_REFUND: { 'zh-CN': '退货退款', en: 'Return and refund' },
  REFUND_ONLY: { 'zh-CN': '仅退款', en: 'Refund only' },
  EXCHANGE: { 'zh-CN': '换货', en: 'Exchange' },
  REISSUE: { 'zh-CN': '补发', en: 'Reissue' },
  LOGISTICS: { 'zh-CN': '物流问题', en: 'Delivery problem' },
  QUALITY_COMPLAINT: { 'zh-CN': '质量问题', en: 'Quality problem' },
  SERVICE_COMPLAINT: { 'zh-CN': '服务反馈', en: 'Service feedback' },
};

const WORDS = {
  'zh-CN': {
    title: '售后进度',
    caseId: '售后编号',
    type: '类型',
    stage: '当前进度',
    next: '下一步',
    by: '预计完成时间',
    returnTitle: '退货说明',
    returnTo: '请将商品寄回以下地址：',
    noAddress: '客服会尽快把退货地址发给您，收到后再寄出即可。',
    formTitle: '填写退货运单',
    courier: '快递公司',
    trackingNumber: '运单号',
    submit: '提交运单号',
    sent: '已收到您填写的运单号，谢谢。进度更新可能需要片刻，刷新页面即可查看。',
    notAwaiting: '这个售后目前无需填写运单号，进度见上方。',
    otherLanguage: 'English',
    notFoundTitle: '未找到售后记录',
    notFound: '链接可能不完整，请从消息中重新打开链接，或联系客服。',
    unavailableTitle: '暂时无法读取进度',
    unavailable: '请稍后再试，一分钟后刷新页面即可。',
  },
  en: {
    title: 'After-sales progress',
    caseId: 'Request',
    type: 'Type',
    stage: 'Where it stands',
    next: 'Next',
    by: 'Expected by',
    returnTitle: 'Sending the item back',
    returnTo: 'Please send the item to:',
    noAddress: 'Our agent will send you the return address shortly; please ship once you have it.',
    formTitle: 'Your return parcel',
    courier: 'Courier',
    trackingNumber: 'Tracking number',
    submit: 'Send tracking number',
    sent: 'Thank you, we have your tracking number. The progress may take a moment to update; reload the page to see it.',
    notAwaiting: 'No tracking number is needed for this request now; see its progress above.',
    otherLanguage: '中文',
    notFoundTitle: 'Request not found',
    notFound: 'The link may be incomplete. Please open it again from your message, or contact us.',
    unavailableTitle: 'The progress cannot be read just now',
    unavailable: 'Please try again in a minute.',
  },
} as const;

/** What a field error says to the buyer, by the field. */
export const FIELD_MESSAGES: Record<'courier' | 'trackingNumber', Record<Locale, string>> = {
  courier: { 'zh-CN': '请填写快递公司（最多20个字）', en: 'Please enter the courier (at most 20 characters)' },
  trackingNumber: {
    'zh-CN': '请填写6-40位字母、数字或“-”组成的运单号',
    en: 'Please enter a tracking number of 6-40 letters, digits or "-"',
  },
};

const COURIERS = ['顺丰速运', '中通快递', '圆通速递', '韵达快递', '申通快递', '极兔速递', '京东物流', '邮政EMS'];

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(locale: Locale, title: string, content: string): string {
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

export interface ProgressPage {
  progress: CaseProgress;
  token: string;
  /** The shop's return address on one line, or null when it has none; shown only while the return is awaited. */
  returnAddress: string | null;
  /** The form again, with what the buyer typed and what was wrong with it. */
  form?: { courier: string; trackingNumber: string; errors: Partial<Record<'courier' | 'trackingNumber', string>> };
  notice?: Notice;
}

/** What the form's post sends the browser back to the page to say. */
export type Notice = 'sent' | 'invalid' | 'not_awaiting';

/**
 * The progress page's address relative to `at` (the page itself, or the form's post one level
 * below it), with a language, maybe a notice and, after a mistake, what the buyer typed.
 */
export function progressHref(
  at: 'progress' | 'post',
  token: string,
  locale: Locale,
  notice?: Notice,
  typed?: { courier: string; trackingNumber: string },
): string {
  const query = new URLSearchParams({ token, lang: locale, ...(notice ? { notice } : {}), ...typed });
  return `${at === 'post' ? '../' : ''}progress?${query.toString()}`;
}

export function renderProgressPage({ progress, token, returnAddress, form, notice }: ProgressPage): string {
  const { locale } = progress;
  const w = WORDS[locale];
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const awaitsReturn = progress.status === 'AWAITING_RETURN';
  const parts: string[] = [
    `<h1>${escapeHtml(w.title)}</h1>`,
    notice === 'sent' ? `<section class="notice" role="status">${escapeHtml(w.sent)}</section>` : '',
    notice === 'not_awaiting' ? `<section class="warn" role="status">${escapeHtml(w.notAwaiting)}</section>` : '',
    `<section>
<dl>
<dt>${escapeHtml(w.caseId)}</dt><dd>${escapeHtml(progress.caseId)}</dd>
<dt>${escapeHtml(w.type)}</dt><dd>${escapeHtml(TYPES[progress.type]?.[locale] ?? progress.type)}</dd>
<dt>${escapeHtml(w.stage)}</dt><dd class="stage" id="stage">${escapeHtml(progress.stage)}</dd>
<dt>${escapeHtml(w.next)}</dt><dd id="next">${escapeHtml(progress.next.text)}</dd>
${progress.next.byLocal ? `<dt>${escapeHtml(w.by)}</dt><dd id="by"><time datetime="${escapeHtml(progress.next.by ?? '')}">${escapeHtml(progress.next.byLocal)}</time></dd>` : ''}
</dl>
</section>`,
  ];
  if (awaitsReturn) {
    parts.push(`<section id="return">
<h2>${escapeHtml(w.returnTitle)}</h2>
${returnAddress ? `<p>${escapeHtml(w.returnTo)}</p>\n<p id="return-address"><strong>${escapeHtml(returnAddress)}</strong></p>` : `<p id="return-address">${escapeHtml(w.noAddress)}</p>`}
</section>`);
    if (notice !== 'sent') parts.push(trackingForm(locale, token, form));
  }
  parts.push(
    `<nav><a href="${escapeHtml(progressHref('progress', token, other))}" hreflang="${other}" lang="${other}">${escapeHtml(w.otherLanguage)}</a></nav>`,
  );
  return page(locale, `${w.title} ${progress.caseId}`, parts.filter(Boolean).join('\n'));
}

function trackingForm(locale: Locale, token: string, form: ProgressPage['form']): string {
  const w = WORDS[locale];
  const field = (name: 'courier' | 'trackingNumber', extra: string) => {
    const problem = form?.errors[name];
    return `<label for="${name}">${escapeHtml(w[name])}</label>
<input id="${name}" name="${name}" value="${escapeHtml(form?.[name] ?? '')}" required ${extra}${problem ? ` aria-invalid="true" aria-describedby="${name}-error"` : ''}>
${problem ? `<p class="error" id="${name}-error">${escapeHtml(problem)}</p>` : ''}`;
  };
  return `<section>
<h2>${escapeHtml(w.formTitle)}</h2>
<form method="post" action="progress/return-shipment" novalidate>
<input type="hidden" name="token" value="${escapeHtml(token)}">
<input type="hidden" name="lang" value="${locale}">
${field('courier', 'list="couriers" maxlength="20" autocomplete="off"')}
<datalist id="couriers">${COURIERS.map((c) => `<option value="${escapeHtml(c)}">`).join('')}</datalist>
${field('trackingNumber', 'maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false"')}
<button type="submit">${escapeHtml(w.submit)}</button>
</form>
</section>`;
}

/** The page for an unknown case or a wrong token (which look the same), and for a progress that cannot be read now. */
export function renderMessagePage(locale: Locale, which: 'notFound' | 'unavailable'): string {
  const w = WORDS[locale];
  return page(
    locale,
    w[`${which}Title`],
    `<h1>${escapeHtml(w[`${which}Title`])}</h1>\n<section><p>${escapeHtml(w[which])}</p></section>`,
  );
}
