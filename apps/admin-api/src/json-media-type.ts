/** `application/json` or a `+json` type, with any parameters. */
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
// RFC 8259: JSON exchanged between systems is UTF-8; a body declared in any other charset is refused by name.
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

export const isJsonMediaType = (contentType: string): boolean => JSON_TYPE.test(contentType);

/** The declared charset when it is not UTF-8, else null (no charset means UTF-8). */
export function foreignCharset(contentType: string): string | null {
  const charset = CHARSET.exec(contentType)?.[1];
  return charset !== undefined && !/^utf-?8$/i.test(charset) ? charset : null;
}

/** The bodies the JSON parser reads; any other is left unread for RequestShapeGuard to answer 415. */
export const isReadableJson = (contentType: string | undefined): boolean =>
  contentType !== undefined && isJsonMediaType(contentType) && foreignCharset(contentType) === null;
