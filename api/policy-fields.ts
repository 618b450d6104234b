// The shop policy as a form (issue 14): every field of activities/shop-policy-schema.ts as one
// flat entry the Settings page can draw an input for, with its rule, its texts in zh-CN and en and
// what it accepts. Read from the JSON schema the OpenAPI document shows, so the two cannot differ;
// the texts themselves are the schema's metadata (`doc` there).
import { z } from 'zod';
import { DEFAULT_SHOP_POLICY, shopPolicySchema, type ShopPolicy } from '../activities/shop-policy-schema';
import { humanDuration, LOCALES } from '../workflows/shop-policy';
import { jsonSchema } from './json-schema';
import { jsonValue } from './response-schemas';

export const POLICY_FIELD_TYPES = [
  'duration',
  'timeOfDay',
  'timeZone',
  'integer',
  'number',
  'amount',
  'enum',
  'list',
  'boolean',
  'url',
  'text',
  'record',
] as const;
export type PolicyFieldType = (typeof POLICY_FIELD_TYPES)[number];

const texts = z.object({ 'zh-CN': z.string(), en: z.string() });
type Texts = z.output<typeof texts>;

export const policyFieldSchema = z.object({
  path: z
    .string()
    .meta({ examples: ['orders.cashOnDelivery.confirmWithin'] })
    .describe(
      'Where the field is in the policy, as PUT /shops/{shopId}/policy takes it and as its 400 names it (error.fields[].field)',
    ),
  section: z.string().describe('The path of the section it is in ("" for the top level): one of sections[].path'),
  rule: z
    .string()
    .meta({ examples: ['O4', 'A3/A5/A6', 'PIPL'] })
    .describe('The rule(s) of docs/rules.md it sets'),
  type: z
    .enum(POLICY_FIELD_TYPES)
    .describe(
      'The input to draw: duration ("30s", "2h", "7d"), timeOfDay ("HH:MM"), timeZone (IANA), integer or number (min, max), amount (yuan as text, "30.00"), enum (values), list (of values or of text matching pattern, at most maxItems), boolean, url, text (maxLength), record (a JSON object, edited as JSON)',
    ),
  default: jsonValue.describe('null for a field without one'),
  value: jsonValue.describe("The shop's current value (its default where the shop set none; null for none)"),
  label: texts,
  description: texts,
  constraint: texts.describe('What the field accepts, as a sentence for the form'),
  min: z.number().optional(),
  max: z.number().optional(),
  atLeast: z.string().optional().describe('duration: the shortest accepted'),
  maxLength: z.number().int().optional(),
  maxItems: z.number().int().optional(),
  values: z.array(z.string()).optional().describe('enum: the values; list: the values an entry may take'),
  pattern: z.string().optional().describe('text, list: the regular expression a value (an entry) must match'),
});
export type PolicyField = z.output<typeof policyFieldSchema>;
/** A field as the schema describes it, before a shop's policy gives it a value. */
export type PolicyFieldDescription = Omit<PolicyField, 'value' | 'default'>;

export const policySectionSchema = z.object({ path: z.string(), label: texts, description: texts.optional() });
export type PolicySection = z.output<typeof policySectionSchema>;

interface Node {
  type?: string;
  properties?: Record<string, Node>;
  additionalProperties?: unknown;
  items?: Node;
  enum?: string[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  maxItems?: number;
  title?: string;
  description?: string;
  'x-title-zh-CN'?: string;
  'x-description-zh-CN'?: string;
  'x-rule'?: string;
  'x-type'?: string;
  'x-at-least'?: string;
  anyOf?: Node[];
}

/** A nullable field's JSON schema is anyOf [its type, null]: the form draws its type (and may leave it empty). */
function unwrapNullable(node: Node): Node {
  const kinds = node.anyOf?.filter((branch) => branch.type !== 'null');
  return kinds?.length === 1 ? { ...kinds[0], ...node, anyOf: undefined } : node;
}

const pair = (en: string | undefined, zh: string | undefined): Texts => ({ 'zh-CN': zh ?? '', en: en ?? '' });

function typeOf(node: Node): PolicyFieldType {
  const tagged = node['x-type'];
  if (tagged && (POLICY_FIELD_TYPES as readonly string[]).includes(tagged)) return tagged as PolicyFieldType;
  if (node.enum) return 'enum';
  if (node.type === 'integer') return 'integer';
  if (node.type === 'number') return 'number';
  if (node.type === 'boolean') return 'boolean';
  if (node.type === 'array') return 'list';
  if (node.type === 'object') return 'record';
  return 'text';
}

function constraint(type: PolicyFieldType, node: Node): Texts {
  const range = (zhUnit: string) => ({
    en: `from ${node.minimum} to ${node.maximum}`,
    zh: `${node.minimum} 至 ${node.maximum}${zhUnit}`,
  });
  switch (type) {
    case 'duration': {
      const floor = node['x-at-least'] ?? '1s';
      return {
        en: `a whole number of seconds (s), minutes (m), hours (h) or days (d), such as 30s, 2h or 7d; at least ${floor}`,
        'zh-CN': `整数加单位 s（秒）、m（分钟）、h（小时）或 d（天），如 30s、2h、7d；至少 ${humanDuration(floor, 'zh-CN')}`,
      };
    }
    case 'timeOfDay':
      return {
        en: "a time of day as HH:MM (00:00-23:59), on the shop's clock",
        'zh-CN': '时刻，格式 HH:MM（00:00-23:59），按店铺时间',
      };
    case 'timeZone':
      return { en: 'an IANA time zone such as Asia/Shanghai', 'zh-CN': 'IANA 时区名，如 Asia/Shanghai' };
    case 'amount':
      return {
        en: 'an amount in yuan from 0 to 999999.99, at most 2 decimals, such as 30.00',
        'zh-CN': '金额（元），0 至 999999.99，最多两位小数，如 30.00',
      };
    case 'integer': {
      const { en, zh } = range(' 的整数');
      return { en: `a whole number ${en}`, 'zh-CN': zh };
    }
    case 'number': {
      const { en, zh } = range(' 之间的数');
      return { en: `a number ${en}`, 'zh-CN': zh };
    }
    case 'enum':
      return { en: `one of ${node.enum!.join(', ')}`, 'zh-CN': `${node.enum!.join('、')} 之一` };
    case 'list': {
      const items = node.items ?? {};
      const of = items.enum
        ? { en: `any of ${items.enum.join(', ')}`, zh: `可选 ${items.enum.join('、')} 中的任意几项` }
        : { en: `entries matching ${items.pattern}`, zh: `每项须符合 ${items.pattern}` };
      return node.maxItems === undefined
        ? { en: of.en, 'zh-CN': of.zh }
        : { en: `${of.en}; at most ${node.maxItems}`, 'zh-CN': `${of.zh}；最多 ${node.maxItems} 项` };
    }
    case 'boolean':
      return { en: 'on or off', 'zh-CN': '开或关' };
    case 'url':
      return {
        en: `an http(s) address of at most ${node.maxLength} characters`,
        'zh-CN': `http(s) 地址，不超过 ${node.maxLength} 个字符`,
      };
    case 'record':
      return { en: 'a JSON object, as the description says', 'zh-CN': 'JSON 对象，格式见说明' };
    case 'text':
      return node.maxLength === undefined
        ? { en: 'text', 'zh-CN': '文字' }
        : { en: `text of at most ${node.maxLength} characters`, 'zh-CN': `文字，不超过 ${node.maxLength} 个字符` };
  }
}

function walk(node: Node, path: string[], out: { fields: PolicyFieldDescription[]; sections: PolicySection[] }): void {
  for (const [name, property] of Object.entries(node.properties ?? {})) {
    const at = [...path, name];
    const child = unwrapNullable(property);
    if (child.type === 'object' && child.properties) {
      out.sections.push({
        path: at.join('.'),
        label: pair(child.title, child['x-title-zh-CN']),
        ...(child.description || child['x-description-zh-CN']
          ? { description: pair(child.description, child['x-description-zh-CN']) }
          : {}),
      });
      walk(child, at, out);
      continue;
    }
    const type = typeOf(child);
    out.fields.push({
      path: at.join('.'),
      section: path.join('.'),
      rule: child['x-rule'] ?? '',
      type,
      label: pair(child.title, child['x-title-zh-CN']),
      description: pair(child.description, child['x-description-zh-CN']),
      constraint: constraint(type, child),
      ...(type === 'integer' || type === 'number' ? { min: child.minimum, max: child.maximum } : {}),
      ...(type === 'duration' ? { atLeast: child['x-at-least'] } : {}),
      ...(type === 'text' || type === 'url' ? { maxLength: child.maxLength } : {}),
      ...(type === 'list' && child.maxItems !== undefined ? { maxItems: child.maxItems } : {}),
      ...(type === 'enum' ? { values: child.enum } : {}),
      ...(type === 'list' && child.items?.enum ? { values: child.items.enum } : {}),
      ...(type === 'list' && child.items?.pattern ? { pattern: child.items.pattern } : {}),
      ...(type === 'text' && child.pattern ? { pattern: child.pattern } : {}),
    });
  }
}

let described: { fields: PolicyFieldDescription[]; sections: PolicySection[] } | undefined;

/** Every section and field of the policy, in the schema's order (made once). */
export function policyDescription() {
  if (!described) {
    described = { fields: [], sections: [] };
    walk(jsonSchema(shopPolicySchema, 'input') as Node, [], described);
  }
  return described;
}

/** The value at a field's path. */
export function valueAt(policy: ShopPolicy, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], policy);
}

/** The form of `policy`: every field with its default and its current value. */
export function policyFields(policy: ShopPolicy): {
  locales: readonly string[];
  sections: PolicySection[];
  fields: PolicyField[];
} {
  const { fields, sections } = policyDescription();
  return {
    locales: LOCALES,
    sections,
    fields: fields.map((field) => ({
      ...field,
      default: valueAt(DEFAULT_SHOP_POLICY, field.path) ?? null,
      value: valueAt(policy, field.path) ?? null,
    })),
  };
}
