import { buildOpenApiDocument } from './openapi.document';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
};

/** A field path with array indexes written `[]`, so `a[3].b` and `a[0].b` are one field. */
export const fieldPattern = (field: string): string => field.replace(/\[\d+\]/g, '[]');

function integerFieldsOf(schema: JsonSchema, resolve: (ref: string) => JsonSchema, path: string, out: Set<string>) {
  if (schema.$ref) return integerFieldsOf(resolve(schema.$ref), resolve, path, out);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('integer')) out.add(path);
  for (const branch of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])])
    integerFieldsOf(branch, resolve, path, out);
  for (const [key, inner] of Object.entries(schema.properties ?? {}))
    integerFieldsOf(inner, resolve, path ? `${path}.${key}` : key, out);
  if (schema.items) integerFieldsOf(schema.items, resolve, `${path}[]`, out);
}

/**
 * The integer fields of every request body the API documents, keyed `METHOD /express/:path`: read from
 * the OpenAPI document (itself generated from the zod schemas that validate the bodies), so a new
 * endpoint or field is covered without being listed here.
 */
export function requestIntegerFields(): Map<string, Set<string>> {
  const document = buildOpenApiDocument() as {
    components: { schemas: Record<string, JsonSchema> };
    paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  };
  const resolve = (ref: string) => document.components.schemas[ref.replace('#/components/schemas/', '')] ?? {};
  const byRoute = new Map<string, Set<string>>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const fields = new Set<string>();
      integerFieldsOf(schema, resolve, '', fields);
      byRoute.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, fields);
    }
  }
  return byRoute;
}
