/** The contract's Avro schemas against its zod schemas (shared/avro/*-schema.test.ts): every difference, by path. */
export type Json = { type?: string | string[]; anyOf?: Json[]; properties?: Record<string, Json>; required?: string[]; items?: Json };
export type AvroType = string | { type: string; fields?: AvroField[]; items?: AvroType; symbols?: readonly string[] } | readonly AvroType[];
export type AvroField = { name: string; type: AvroType; default?: unknown };

/** The JSON types a zod input accepts, `null` included when it is nullable. */
function jsonTypes(schema: Json): string[] {
  if (schema.anyOf) return schema.anyOf.flatMap(jsonTypes);
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}
function jsonBranch(schema: Json): Json {
  return schema.anyOf?.find((branch) => !jsonTypes(branch).includes('null')) ?? schema;
}

const AVRO_FOR_JSON: Record<string, string[]> = {
  string: ['string', 'enum'],
  integer: ['int', 'long'],
  number: ['double', 'float', 'int', 'long'],
  array: ['array'],
  object: ['record'],
  boolean: ['boolean'],
};

/** Every difference between a zod type (as JSON Schema of its input) and an Avro type, as `path: what`. */
export function differences(path: string, json: Json, type: AvroType, optional = false): string[] {
  const union = Array.isArray(type) ? (type as readonly AvroType[]) : [type as AvroType];
  const avroNullable = union.includes('null');
  const jsonNullable = jsonTypes(json).includes('null');
  const problems: string[] = [];
  // An Avro null reads as an absent field: a union with null stands for a field zod lets be absent.
  if (avroNullable !== jsonNullable && !(avroNullable && optional))
    problems.push(`${path}: nullable in ${avroNullable ? 'Avro' : 'zod'} only`);
  const branch = union.find((t) => t !== 'null') as AvroType;
  const avroName = typeof branch === 'string' ? branch : (branch as { type: string }).type;
  const jsonBody = jsonBranch(json);
  const jsonType = jsonTypes(jsonBody).find((t) => t !== 'null') ?? 'any';
  if (!(AVRO_FOR_JSON[jsonType] ?? []).includes(avroName)) return [...problems, `${path}: zod ${jsonType}, Avro ${avroName}`];
  if (typeof branch === 'string') return problems;
  const complex = branch as { fields?: AvroField[]; items?: AvroType; symbols?: readonly string[] };
  if (avroName === 'array' && jsonBody.items && complex.items) problems.push(...differences(`${path}[]`, jsonBody.items, complex.items));
  if (avroName === 'record') {
    const properties = jsonBody.properties ?? {};
    const required = new Set(jsonBody.required ?? []);
    const fields = complex.fields ?? [];
    const names = new Set(fields.map((f) => f.name));
    for (const name of Object.keys(properties)) if (!names.has(name)) problems.push(`${path}.${name}: in zod only`);
    for (const field of fields) {
      const property = properties[field.name];
      if (!property) {
        problems.push(`${path}.${field.name}: in Avro only`);
        continue;
      }
      // What a JSON producer may leave out, an Avro writer need not know: a default.
      if (required.has(field.name) === 'default' in field) {
        problems.push(
          `${path}.${field.name}: ${required.has(field.name) ? 'required in zod, has an Avro default' : 'optional in zod, no Avro default'}`,
        );
      }
      problems.push(...differences(`${path}.${field.name}`, property, field.type, !required.has(field.name)));
    }
  }
  return problems;
}
