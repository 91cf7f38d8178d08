import type { RecordField } from '@vs/contracts';

/** What a field holds in the record's story: which entity it belongs to, or how its values are made. */
export type FieldRole =
  | 'person.full'
  | 'person.given'
  | 'person.family'
  | 'person.latin'
  | 'email'
  | 'username'
  | 'phone'
  | 'address.city'
  | 'address.region'
  | 'address.postcode'
  | 'address.country'
  | 'address.street'
  | 'organisation'
  | 'product'
  | 'currency'
  | 'birthdate'
  | 'time'
  | 'number'
  | 'boolean'
  | 'categorical'
  | 'pattern'
  | 'identifier'
  | 'uuid'
  | 'url'
  | 'text';

// Semantic hints first (operators wrote them on purpose), then field names; first match wins.
const STRING_ROLES: Array<[RegExp, FieldRole]> = [
  [/first_?name|given_?name|firstname/i, 'person.given'],
  [/last_?name|surname|family_?name|lastname/i, 'person.family'],
  [/user_?name|login|handle|nickname/i, 'username'],
  [/e_?mail/i, 'email'],
  [/phone|mobile|fax|tel(ephone)?$/i, 'phone'],
  [/(^|_)(id|code|number|no|ref|reference|iban|account)$/i, 'identifier'],
  [/(category|type|status|kind|tier|level|segment|channel|method|mode|plan|class)$/i, 'categorical'],
  [/product|item_?name|article|sku_?name/i, 'product'],
  [
    /company|merchant|employer|organi[sz]ation|vendor|supplier|retailer|store_?name|shop_?name|bank_?name|insurer|carrier|brand/i,
    'organisation',
  ],
  [/postal|zip|post_?code/i, 'address.postcode'],
  [/city|town|municipality/i, 'address.city'],
  [/country/i, 'address.country'],
  [/state|province|region|prefecture|county/i, 'address.region'],
  [/street|address_?line|address$/i, 'address.street'],
  [/currency/i, 'currency'],
  [
    /full_?name|person|(^|_)name$|fullname|customer|patient|cardholder|holder|contact|client|passenger|guest|employee|applicant/i,
    'person.full',
  ],
];

// Faker-style hints as seeds write them; a hint not listed (person.jobTitle) leaves the role to the name.
const SEMANTIC_ROLES: Readonly<Record<string, FieldRole | undefined>> = {
  'person.fullname': 'person.full',
  'person.name': 'person.full',
  'person.firstname': 'person.given',
  'person.lastname': 'person.family',
  'internet.email': 'email',
  'internet.username': 'username',
  'internet.url': 'url',
  'phone.number': 'phone',
  'location.city': 'address.city',
  'location.state': 'address.region',
  'location.county': 'address.region',
  'location.zipcode': 'address.postcode',
  'location.country': 'address.country',
  'location.streetaddress': 'address.street',
  'location.street': 'address.street',
  'company.name': 'organisation',
  'commerce.productname': 'product',
  'commerce.product': 'product',
  'finance.currencycode': 'currency',
  'person.jobtitle': 'text',
};

/** A second spelling of the person's name in Latin letters (a passport name beside a name in kanji). */
function isLatinVariant(field: RecordField): boolean {
  const pattern = field.constraints.pattern;
  const asciiOnly = pattern !== undefined && /A-Z|a-z/.test(pattern) && !/\\p|\\u|[^ -~]/.test(pattern);
  return asciiOnly || /latin|roman|ascii|passport/i.test(`${field.name} ${field.description ?? ''}`);
}

function stringRole(text: string): FieldRole | undefined {
  return STRING_ROLES.find(([pattern]) => pattern.test(text))?.[1];
}

/** Future-facing dates: an appointment someone prefers, a due date, something scheduled. */
export function isFutureField(field: RecordField): boolean {
  const semantic = field.semantic?.toLowerCase() ?? '';
  if (/soon|future|upcoming/.test(semantic)) return true;
  if (/past|recent|birth/.test(semantic)) return false;
  return /^(preferred|due|scheduled|expected|planned|next|upcoming|appointment|deadline|expir|valid_until|renewal|follow_?up)|_(due|until|deadline|expiry)(_|$)/.test(
    field.name,
  );
}

/**
 * The role of a field from its type, semantic hint and name. `exemplarStrings` are the field's exemplar
 * values: identifiers (ORD-2024-0042) and short categorical strings are told apart by their shape.
 */
export function roleOf(field: RecordField, exemplarStrings: readonly string[]): FieldRole {
  switch (field.type) {
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return /currency/i.test(`${field.semantic ?? ''} ${field.name}`) ? 'currency' : 'categorical';
    case 'date':
    case 'datetime':
      return /birth|dob|born/i.test(`${field.semantic ?? ''} ${field.name}`) ? 'birthdate' : 'time';
    case 'email':
      return 'email';
    case 'phone':
      return 'phone';
    case 'url':
      return 'url';
    case 'uuid':
      return 'uuid';
    case 'text':
      return 'text';
    case 'string':
      break;
  }
  const bySemantic = field.semantic === undefined ? undefined : SEMANTIC_ROLES[field.semantic.toLowerCase()];
  const byHint = bySemantic ?? stringRole(field.name);
  if (byHint === 'person.full' && isLatinVariant(field)) return 'person.latin';
  if (field.constraints.pattern !== undefined) return 'pattern';
  if (byHint) return byHint;
  if (
    exemplarStrings.length > 0 &&
    exemplarStrings.every((v) => /^[A-Z0-9]+([-_/.][A-Z0-9]+)*$/.test(v) && /\d/.test(v))
  )
    return 'identifier';
  if (field.varies_freely) return 'text';
  return exemplarStrings.some((v) => isLongString(v)) ? 'text' : 'categorical';
}

/** Long enough that two equal values read as a copy, not a recurring label. */
export function isLongString(value: string): boolean {
  return value.length >= 16 || value.trim().split(/\s+/).length >= 3;
}
