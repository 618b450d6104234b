// Describes a database schema in one plain shape from either side: from prisma/schema.prisma (through
// Prisma's DMMF, which runs in WebAssembly) and from a live PostgreSQL catalog. Comparing the two with
// `toEqual` stands in for `prisma migrate diff`, whose native schema engine cannot be downloaded
// everywhere. Both sides go through the same render functions below, so any difference is real.
import { getDMMF, type GetDMMFError } from '@prisma/get-dmmf';
import { Client } from 'pg';

/** Everything is rendered as short DDL-like text so that a failing `toEqual` names the exact table,
 *  column or key. A column reads e.g. "timestamp(3) with time zone NOT NULL DEFAULT": whether a
 *  default exists is compared, its expression is not. */
export interface TableDescription {
  columns: Record<string, string>;
  primaryKey: string | null;
  indexes: string[];
  foreignKeys: string[];
}

export interface SchemaDescription {
  tables: Record<string, TableDescription>;
  enums: Record<string, string[]>;
}

type Datamodel = Exclude<ReturnType<typeof getDMMF>, GetDMMFError>['datamodel'];
type Model = Datamodel['models'][number];
type Field = Model['fields'][number];
type NativeType = readonly [string, readonly string[]];

// What Prisma Migrate creates on PostgreSQL for a field without a @db attribute.
const DEFAULT_NATIVE_TYPES: Record<string, NativeType> = {
  String: ['Text', []],
  Boolean: ['Boolean', []],
  Int: ['Integer', []],
  BigInt: ['BigInt', []],
  Float: ['DoublePrecision', []],
  Decimal: ['Decimal', ['65', '30']],
  DateTime: ['Timestamp', ['3']],
  Json: ['JsonB', []],
  Bytes: ['ByteA', []],
};

// How PostgreSQL's format_type() spells each of Prisma's @db types.
const POSTGRES_TYPE_NAMES: Record<string, string> = {
  Text: 'text',
  Char: 'character',
  VarChar: 'character varying',
  Bit: 'bit',
  VarBit: 'bit varying',
  Uuid: 'uuid',
  Xml: 'xml',
  Inet: 'inet',
  Citext: 'citext',
  SmallInt: 'smallint',
  Integer: 'integer',
  BigInt: 'bigint',
  Oid: 'oid',
  Real: 'real',
  DoublePrecision: 'double precision',
  Decimal: 'numeric',
  Money: 'money',
  Boolean: 'boolean',
  Date: 'date',
  Timestamp: 'timestamp',
  Timestamptz: 'timestamp',
  Time: 'time',
  Timetz: 'time',
  Json: 'json',
  JsonB: 'jsonb',
  ByteA: 'bytea',
};

// format_type() puts the time zone after the precision: "timestamp(3) with time zone".
const TIME_ZONES: Record<string, string> = {
  Timestamp: ' without time zone',
  Time: ' without time zone',
  Timestamptz: ' with time zone',
  Timetz: ' with time zone',
};

// These @default functions are evaluated by Prisma Client, so the column itself gets no default.
const CLIENT_SIDE_DEFAULTS = new Set(['cuid', 'uuid', 'nanoid', 'ulid']);

const PRISMA_REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

// pg_constraint.confdeltype / confupdtype codes.
const POSTGRES_REFERENTIAL_ACTIONS: Record<string, string> = {
  c: 'CASCADE',
  r: 'RESTRICT',
  a: 'NO ACTION',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

// PostgreSQL silently truncates longer identifiers; Prisma cuts its default names to fit first,
// keeping the suffix.
const MAX_IDENTIFIER_LENGTH = 63;

function prismaDefaultName(parts: readonly string[], suffix: string): string {
  return `${parts.join('_').slice(0, MAX_IDENTIFIER_LENGTH - suffix.length - 1)}_${suffix}`;
}

// An unknown type or action must fail loudly rather than render as "undefined" on both sides.
function lookup<T>(table: Record<string, T>, key: string, what: string): T {
  const value = table[key];
  if (value === undefined) throw new Error(`schema-catalog does not know the ${what} ${key}`);
  return value;
}

const renderColumn = (type: string, notNull: boolean, hasDefault: boolean) =>
  `${type}${notNull ? ' NOT NULL' : ''}${hasDefault ? ' DEFAULT' : ''}`;

const renderKey = (name: string, columns: readonly string[]) => `${name} (${columns.join(', ')})`;

const renderIndex = (unique: boolean, name: string, columns: readonly string[]) =>
  `${unique ? 'UNIQUE' : 'INDEX'} ${renderKey(name, columns)}`;

const renderForeignKey = (
  name: string,
  columns: readonly string[],
  referencedTable: string,
  referencedColumns: readonly string[],
  onDelete: string,
  onUpdate: string,
) =>
  `${renderKey(name, columns)} REFERENCES ${renderKey(referencedTable, referencedColumns)} ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;

const emptyTable = (): TableDescription => ({ columns: {}, primaryKey: null, indexes: [], foreignKeys: [] });

function sortLists(description: SchemaDescription): SchemaDescription {
  for (const table of Object.values(description.tables)) {
    table.indexes.sort();
    table.foreignKeys.sort();
  }
  return description;
}

/** The schema Prisma Migrate would create on PostgreSQL for this Prisma schema text. */
export function describePrismaSchema(schema: string): SchemaDescription {
  const dmmf = getDMMF({ datamodel: schema });
  if ('error' in dmmf) throw dmmf.error;
  const { models, enums, indexes } = dmmf.datamodel;

  const modelsByName = Object.fromEntries(models.map((m) => [m.name, m]));
  const enumTypeNames = Object.fromEntries(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableName = (model: Model) => model.dbName ?? model.name;
  const columnName = (model: Model, fieldName: string) => {
    const field = lookup(Object.fromEntries(model.fields.map((f) => [f.name, f])), fieldName, `field of ${model.name}`);
    return field.dbName ?? field.name;
  };

  const columnType = (field: Field) => {
    const type =
      field.kind === 'enum'
        ? lookup(enumTypeNames, field.type, 'enum')
        : renderNativeType(field.nativeType ?? lookup(DEFAULT_NATIVE_TYPES, field.type, 'Prisma type'));
    return field.isList ? `${type}[]` : type;
  };

  const describeRelation = (model: Model, field: Field) => {
    const target = lookup(modelsByName, field.type, 'model');
    const columns = (field.relationFromFields ?? []).map((name) => columnName(model, name));
    return renderForeignKey(
      prismaDefaultName([tableName(model), ...columns], 'fkey'),
      columns,
      tableName(target),
      (field.relationToFields ?? []).map((name) => columnName(target, name)),
      lookup(
        PRISMA_REFERENTIAL_ACTIONS,
        field.relationOnDelete ?? (field.isRequired ? 'Restrict' : 'SetNull'),
        'referential action',
      ),
      lookup(PRISMA_REFERENTIAL_ACTIONS, field.relationOnUpdate ?? 'Cascade', 'referential action'),
    );
  };

  const tables: Record<string, TableDescription> = {};
  for (const model of models) {
    const table = (tables[tableName(model)] = emptyTable());
    for (const field of model.fields) {
      if (field.kind === 'object') {
        // Only the side holding `fields:` owns the foreign key.
        if (field.relationFromFields?.length) table.foreignKeys.push(describeRelation(model, field));
        continue;
      }
      // Prisma never makes a list column NOT NULL.
      const notNull = field.isRequired && !field.isList;
      table.columns[field.dbName ?? field.name] = renderColumn(columnType(field), notNull, hasColumnDefault(field));
    }
  }

  for (const index of indexes) {
    const model = lookup(modelsByName, index.model, 'model');
    const table = tables[tableName(model)];
    const columns = index.fields.map((f) => columnName(model, f.name));
    if (index.type === 'id') {
      table.primaryKey = renderKey(index.dbName ?? prismaDefaultName([tableName(model)], 'pkey'), columns);
    } else if (index.type === 'unique' || index.type === 'normal') {
      const unique = index.type === 'unique';
      const name = index.dbName ?? prismaDefaultName([tableName(model), ...columns], unique ? 'key' : 'idx');
      table.indexes.push(renderIndex(unique, name, columns));
    } else {
      throw new Error(`schema-catalog does not know ${index.type} indexes (on ${index.model})`);
    }
  }

  const enumValues = Object.fromEntries(
    enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name)]),
  );
  return sortLists({ tables, enums: enumValues });
}

function renderNativeType([name, args]: NativeType): string {
  const precision = args.length > 0 ? `(${args.join(',')})` : '';
  return `${lookup(POSTGRES_TYPE_NAMES, name, '@db type')}${precision}${TIME_ZONES[name] ?? ''}`;
}

function hasColumnDefault(field: Field): boolean {
  const value = field.default;
  const clientSide = typeof value === 'object' && 'name' in value && CLIENT_SIDE_DEFAULTS.has(value.name);
  return field.hasDefaultValue && !clientSide;
}

// Key columns in key order: pg_index and pg_constraint hold them as arrays of attribute numbers.
const keyColumns = (relation: string, attnums: string) => `array(
  SELECT a.attname::text FROM unnest(${attnums}) WITH ORDINALITY AS k(attnum, position)
  JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum
  ORDER BY k.position)`;

// Prisma's own bookkeeping table is not part of the schema.
const IN_SCHEMA = `ns.nspname = current_schema() AND t.relname <> '_prisma_migrations'`;

const COLUMNS_SQL = `
SELECT t.relname AS table_name, a.attname AS column_name,
       -- format_type quotes mixed-case enum names; the schema side names them bare.
       replace(format_type(a.atttypid, a.atttypmod), '"', '') AS type,
       a.attnotnull AS not_null, a.atthasdef AS has_default
FROM pg_class t
JOIN pg_namespace ns ON ns.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE t.relkind IN ('r', 'p') AND ${IN_SCHEMA}`;

const INDEXES_SQL = `
SELECT t.relname AS table_name, i.relname AS name, x.indisprimary AS is_primary, x.indisunique AS is_unique,
       ${keyColumns('x.indrelid', 'x.indkey')} AS columns
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace ns ON ns.oid = t.relnamespace
WHERE ${IN_SCHEMA}`;

const FOREIGN_KEYS_SQL = `
SELECT t.relname AS table_name, c.conname AS name, r.relname AS referenced_table,
       ${keyColumns('c.conrelid', 'c.conkey')} AS columns,
       ${keyColumns('c.confrelid', 'c.confkey')} AS referenced_columns,
       c.confdeltype AS on_delete, c.confupdtype AS on_update
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_class r ON r.oid = c.confrelid
JOIN pg_namespace ns ON ns.oid = t.relnamespace
WHERE c.contype = 'f' AND ${IN_SCHEMA}`;

const ENUMS_SQL = `
SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
FROM pg_type t
JOIN pg_enum e ON e.enumtypid = t.oid
JOIN pg_namespace ns ON ns.oid = t.typnamespace
WHERE ns.nspname = current_schema()
GROUP BY t.typname`;

interface ColumnRow {
  table_name: string;
  column_name: string;
  type: string;
  not_null: boolean;
  has_default: boolean;
}
interface IndexRow {
  table_name: string;
  name: string;
  is_primary: boolean;
  is_unique: boolean;
  columns: string[];
}
interface ForeignKeyRow {
  table_name: string;
  name: string;
  referenced_table: string;
  columns: string[];
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
}
interface EnumRow {
  name: string;
  labels: string[];
}

/** The schema as the PostgreSQL catalog of this database sees it (its current schema, usually public). */
export async function describeDatabase(databaseUrl: string): Promise<SchemaDescription> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const columns = await client.query<ColumnRow>(COLUMNS_SQL);
    const indexes = await client.query<IndexRow>(INDEXES_SQL);
    const foreignKeys = await client.query<ForeignKeyRow>(FOREIGN_KEYS_SQL);
    const enums = await client.query<EnumRow>(ENUMS_SQL);

    const tables: Record<string, TableDescription> = {};
    const table = (name: string) => (tables[name] ??= emptyTable());
    for (const c of columns.rows) {
      table(c.table_name).columns[c.column_name] = renderColumn(c.type, c.not_null, c.has_default);
    }
    for (const i of indexes.rows) {
      if (i.is_primary) table(i.table_name).primaryKey = renderKey(i.name, i.columns);
      else table(i.table_name).indexes.push(renderIndex(i.is_unique, i.name, i.columns));
    }
    for (const f of foreignKeys.rows) {
      table(f.table_name).foreignKeys.push(
        renderForeignKey(
          f.name,
          f.columns,
          f.referenced_table,
          f.referenced_columns,
          lookup(POSTGRES_REFERENTIAL_ACTIONS, f.on_delete, 'ON DELETE code'),
          lookup(POSTGRES_REFERENTIAL_ACTIONS, f.on_update, 'ON UPDATE code'),
        ),
      );
    }
    return sortLists({ tables, enums: Object.fromEntries(enums.rows.map((e) => [e.name, e.labels])) });
  } finally {
    await client.end();
  }
}
