// Issue 14: the shop policy as the Settings page's form. Every field of the schema says its rule
// and what it means in zh-CN and en (so a field added without them fails here), the form lists
// every field once, and a bad value is named by the same path the form gives the field.
import { z } from 'zod';
import { DEFAULT_SHOP_POLICY, shopPolicySchema } from '../../activities/shop-policy-schema';
import { openApiDocument } from '../../api/openapi';
import {
  POLICY_FIELD_TYPES,
  policyDescription,
  policyFields,
  type PolicyFieldDescription,
} from '../../api/policy-fields';
import { routeTable } from '../../api/routes';

const RULE = /^([OARTM]\d+|PIPL)(\/[OARTM]\d+)*$/;

/** The schema's leaves, by walking zod itself (not the JSON schema the form is read from). */
function zodLeaves(schema: z.ZodType, path: string[] = []): { path: string; schema: z.ZodType }[] {
  let inner = schema;
  while (['default', 'prefault', 'optional', 'nullable'].includes(inner.def.type))
    inner = (inner.def as unknown as { innerType: z.ZodType }).innerType;
  if (inner instanceof z.ZodObject)
    return Object.entries(inner.shape as Record<string, z.ZodType>).flatMap(([name, child]) =>
      zodLeaves(child, [...path, name]),
    );
  return [{ path: path.join('.'), schema }];
}

const leaves = zodLeaves(shopPolicySchema);
const { fields, sections } = policyDescription();
const field = (path: string) => fields.find((f) => f.path === path)!;

describe('policy form (issue 14): every field documented on the schema', () => {
  it.each(leaves.map((leaf) => [leaf.path, leaf.schema] as const))(
    '%s has a rule id and a label and a description in zh-CN and en',
    (_, schema) => {
      const meta = schema.meta() ?? {};
      expect(meta['x-rule']).toMatch(RULE);
      for (const key of ['title', 'description', 'x-title-zh-CN', 'x-description-zh-CN'])
        expect(String(meta[key] ?? '').trim()).not.toBe('');
    },
  );

  it('the form lists every leaf of the schema once, in its order, and every section with both labels', () => {
    expect(fields.map((f) => f.path)).toEqual(leaves.map((leaf) => leaf.path));
    for (const f of fields) {
      expect(f.rule).toMatch(RULE);
      for (const texts of [f.label, f.description, f.constraint])
        expect([texts['zh-CN'].trim(), texts.en.trim()]).not.toContain('');
      expect(f.section === '' || sections.some((s) => s.path === f.section)).toBe(true);
    }
    for (const s of sections) expect([s.label['zh-CN'].trim(), s.label.en.trim()]).not.toContain('');
  });

  it('each field says what input it needs', () => {
    const pick = (path: string, keys: (keyof PolicyFieldDescription)[]) =>
      Object.fromEntries(keys.map((key) => [key, field(path)[key]]));
    expect(pick('orders.cashOnDelivery.confirmWithin', ['type', 'rule', 'atLeast'])).toEqual({
      type: 'duration',
      rule: 'O4',
      atLeast: '1s',
    });
    expect(pick('cases.returnWithin', ['type', 'atLeast'])).toEqual({ type: 'duration', atLeast: '1m' });
    expect(pick('messages.capPerOrderPerDay', ['type', 'min', 'max'])).toEqual({ type: 'integer', min: 1, max: 20 });
    expect(pick('orders.shipping.compensation.percent', ['type', 'min', 'max'])).toEqual({
      type: 'number',
      min: 0,
      max: 100,
    });
    expect(pick('orders.shipping.cutoff', ['type'])).toEqual({ type: 'timeOfDay' });
    expect(pick('timeZone', ['type', 'section'])).toEqual({ type: 'timeZone', section: '' });
    expect(pick('cases.autoApprove.refundUpTo', ['type', 'rule', 'section'])).toEqual({
      type: 'amount',
      rule: 'A3',
      section: 'cases.autoApprove',
    });
    expect(pick('messages.defaultLocale', ['type', 'values'])).toEqual({ type: 'enum', values: ['zh-CN', 'en'] });
    expect(pick('orders.reviews.repairRatings', ['type', 'values'])).toEqual({
      type: 'list',
      values: ['positive', 'neutral', 'negative'],
    });
    expect(pick('orders.tiers.callInsteadOfMessage', ['type', 'maxItems', 'pattern'])).toEqual({
      type: 'list',
      maxItems: 20,
      pattern: '^[A-Za-z0-9_-]{1,32}$',
    });
    expect(pick('orders.reviews.changeable', ['type'])).toEqual({ type: 'boolean' });
    expect(pick('cases.progressPageUrl', ['type', 'maxLength'])).toEqual({ type: 'url', maxLength: 80 });
    expect(pick('orders.address.defaultCourier', ['type', 'maxLength'])).toEqual({ type: 'text', maxLength: 20 });
    expect(pick('cases.compensation', ['type', 'rule'])).toEqual({ type: 'record', rule: 'A6' });
    expect(field('orders.cashOnDelivery.confirmWithin').constraint).toEqual({
      en: 'a whole number of seconds (s), minutes (m), hours (h) or days (d), such as 30s, 2h or 7d; at least 1s',
      'zh-CN': '整数加单位 s（秒）、m（分钟）、h（小时）或 d（天），如 30s、2h、7d；至少 1秒',
    });
    expect(new Set(fields.map((f) => f.type))).toEqual(new Set(POLICY_FIELD_TYPES));
  });

  it("a form carries each field's default and the shop's value", () => {
    const policy = shopPolicySchema.parse({ orders: { cashOnDelivery: { confirmWithin: '30m' } } });
    const confirm = policyFields(policy).fields.find((f) => f.path === 'orders.cashOnDelivery.confirmWithin');
    expect(confirm).toMatchObject({ default: '2h', value: '30m' });
    expect(policyFields(DEFAULT_SHOP_POLICY).fields.find((f) => f.path === 'cases.compensation')!.value).toEqual(
      DEFAULT_SHOP_POLICY.cases.compensation,
    );
  });

  it('the OpenAPI document shows the same texts on the policy body', () => {
    const document = openApiDocument(
      routeTable({ temporal: {} as never, prisma: {} as never, outboundAllowedHosts: [], metrics: {} as never }),
    ) as unknown as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content: { 'application/json': { schema: Record<string, Record<string, Record<string, unknown>>> } };
            };
          }
        >
      >;
    };
    const body = document.paths['/shops/{shopId}/policy'].put.requestBody!.content['application/json'].schema;
    const confirmWithin = (
      body.properties.orders as { properties: Record<string, { properties: Record<string, Record<string, unknown>> }> }
    ).properties.cashOnDelivery.properties.confirmWithin;
    expect(confirmWithin).toMatchObject({
      'x-rule': 'O4',
      title: 'Confirmation call within',
      'x-title-zh-CN': '确认电话时限',
      default: '2h',
    });
    expect(document.paths['/shops/{shopId}/policy/fields'].get).toBeDefined();
  });
});

/** A value of the field's type that the schema refuses. */
function badValue(f: PolicyFieldDescription): unknown {
  switch (f.type) {
    case 'duration':
      return '2 hours';
    case 'timeOfDay':
      return '4:30pm';
    case 'timeZone':
      return 'Mars/Olympus';
    case 'integer':
    case 'number':
      return f.max! + 1;
    case 'amount':
      return '-1';
    case 'enum':
      return 'NOPE';
    case 'list':
      return ['no such value!'];
    case 'boolean':
      return 'yes';
    case 'url':
      return 'ftp://example.test/';
    case 'text':
      return f.maxLength === undefined ? '' : 'x'.repeat(f.maxLength + 1);
    case 'record':
      return { bad_entry: { offer: 'HUG' } };
  }
}

const at = (path: string, value: unknown): unknown =>
  path.split('.').reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);

describe('policy form (issue 14): a bad value is named by its field path', () => {
  it.each(fields.map((f) => [f.path, f] as const))('%s', (path, f) => {
    const result = shopPolicySchema.safeParse(at(path, badValue(f)));
    const named = result.error!.issues.map((issue) => issue.path.join('.'));
    // A record's problem is named inside it (cases.compensation.bad_entry.offer).
    expect(named).toEqual([f.type === 'record' ? `${path}.bad_entry.offer` : f.type === 'list' ? `${path}.0` : path]);
  });

  it('A3 the refine across fields names the field the form shows: cases.autoApprove.refundUpTo', () => {
    const result = shopPolicySchema.safeParse({ cases: { autoApprove: { refundUpTo: '300.00' } } });
    expect(result.error!.issues.map((issue) => issue.path.join('.'))).toEqual(['cases.autoApprove.refundUpTo']);
    expect(fields.map((f) => f.path)).toContain('cases.autoApprove.refundUpTo');
  });
});
