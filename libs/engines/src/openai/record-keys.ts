const snake = (key: string): string =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[-\s]+/g, '_')
    .toLowerCase();
const squashed = (key: string): string => key.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The keys of a record the model sent that the schema does not have, each named, with the field it most likely
 * meant (camelCase, kebab-case or another spelling of a field): the correction then says what to rename.
 * `renamed` holds the fields whose own "missing" error the rename already explains.
 */
export function unexpectedKeys(
  candidate: unknown,
  fields: readonly string[],
): { problems: string[]; renamed: Set<string> } {
  const renamed = new Set<string>();
  if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) {
    return {
      problems: [`not a JSON object (got ${Array.isArray(candidate) ? 'an array' : typeof candidate})`],
      renamed,
    };
  }
  const known = new Set(fields);
  const bySquashed = new Map(fields.map((f) => [squashed(f), f]));
  const problems: string[] = [];
  const extra: string[] = [];
  for (const key of Object.keys(candidate)) {
    if (known.has(key)) continue;
    const meant = known.has(snake(key)) ? snake(key) : bySquashed.get(squashed(key));
    if (meant && !(meant in candidate)) {
      renamed.add(meant);
      problems.push(`key "${key}" should be "${meant}"`);
    } else extra.push(`"${key}"`);
  }
  if (extra.length > 0)
    problems.push(`unexpected key${extra.length === 1 ? '' : 's'} ${extra.join(', ')} (allowed: ${fields.join(', ')})`);
  return { problems, renamed };
}
