import type { RecordField, RecordSchema } from '@vs/contracts';

type AvroPrimitive = 'null' | 'boolean' | 'long' | 'double' | 'string';
export interface AvroEnum {
  type: 'enum';
  name: string;
  symbols: string[];
}
export type AvroFieldType = AvroPrimitive | AvroEnum | ['null', Exclude<AvroPrimitive, 'null'> | AvroEnum];
export interface AvroField {
  name: string;
  type: AvroFieldType;
  doc?: string;
  default?: null;
}
export interface AvroRecordSchema {
  type: 'record';
  name: string;
  namespace: string;
  doc?: string;
  fields: AvroField[];
}

const AVRO_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const AVRO_RECORDS_NAMESPACE = 'velocity_synth.records';

/** Any text as an Avro name: invalid characters become _, and a leading digit gets a prefix. */
export function sanitiseAvroName(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '') || 'unnamed';
  return /^[0-9]/.test(cleaned) ? `n_${cleaned}` : cleaned;
}

/** The Avro full name of a template revision's record type, e.g. velocity_synth.records.retail_customers_r3. */
export function avroSchemaNameFor(templateId: string, revision: number): string {
  return `${AVRO_RECORDS_NAMESPACE}.${sanitiseAvroName(templateId.toLowerCase())}_r${revision}`;
}

/**
 * An enum field becomes an Avro enum only when every value already is a valid, distinct Avro symbol,
 * so the wire value equals the record value; otherwise it stays a string (values listed in the doc)
 * rather than needing a symbol mapping every producer and consumer would have to apply.
 */
function enumType(field: RecordField, recordName: string): AvroEnum | 'string' {
  const values = field.constraints.enum ?? [];
  const usable = values.length > 0 && values.every((v) => AVRO_NAME.test(v)) && new Set(values).size === values.length;
  if (!usable) return 'string';
  const name = `${field.name}_values`;
  return { type: 'enum', name: name === recordName ? `${name}_enum` : name, symbols: [...values] };
}

function baseType(field: RecordField, recordName: string): Exclude<AvroPrimitive, 'null'> | AvroEnum {
  switch (field.type) {
    case 'string':
    case 'text':
    case 'email':
    case 'phone':
    case 'url':
    case 'uuid':
    case 'date':
    case 'datetime':
      // Dates stay ISO strings: the same text the JSON and SQL surfaces carry, no epoch conversion.
      return 'string';
    case 'integer':
      return 'long';
    case 'number':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return enumType(field, recordName);
  }
}

function fieldDoc(field: RecordField, type: Exclude<AvroPrimitive, 'null'> | AvroEnum): string {
  const parts = [field.description, `velocity-synth type: ${field.type}`];
  if (field.type === 'enum') {
    parts.push(
      type === 'string'
        ? `one of: ${(field.constraints.enum ?? []).join(', ')} (not all valid Avro symbols, so a string)`
        : 'Avro symbols equal the record values',
    );
  }
  return parts.filter((p) => p !== undefined).join('. ');
}

/** The Avro record type for a revision's record schema; optional fields are ["null", T] defaulting to null. */
export function avroSchemaForRecordSchema(
  recordSchema: RecordSchema,
  options: { namespace: string; name: string },
): AvroRecordSchema {
  const fields = recordSchema.fields.map((field): AvroField => {
    const type = baseType(field, options.name);
    const doc = fieldDoc(field, type);
    return field.required
      ? { name: field.name, type, doc }
      : { name: field.name, type: ['null', type], doc, default: null };
  });
  return { type: 'record', name: options.name, namespace: options.namespace, fields };
}

/** Splits a full name from avroSchemaNameFor into the options avroSchemaForRecordSchema takes. */
export function splitAvroFullName(fullName: string): { namespace: string; name: string } {
  const dot = fullName.lastIndexOf('.');
  return { namespace: fullName.slice(0, Math.max(dot, 0)), name: fullName.slice(dot + 1) };
}
