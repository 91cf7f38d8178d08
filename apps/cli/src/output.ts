import type { Command } from 'commander';

export function wantsJson(command: Command): boolean {
  return Boolean(command.optsWithGlobals<{ json?: boolean }>().json);
}

const cell = (value: unknown): string =>
  value === null || value === undefined
    ? '-'
    : value instanceof Date
      ? value.toISOString()
      : Array.isArray(value)
        ? value.join(',')
        : String(value);

/** An aligned, human-readable table; columns picked and ordered by the caller. */
export function table(rows: Record<string, unknown>[], columns: string[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((row) => columns.map((c) => cell(row[c])));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

/** Key/value lines for one object, nested objects flattened with dots. */
export function details(value: Record<string, unknown>, prefix = ''): string {
  const lines: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date))
      lines.push(details(v as Record<string, unknown>, `${prefix}${key}.`));
    else lines.push(`${`${prefix}${key}`.padEnd(28)} ${cell(v)}`);
  }
  return lines.join('\n');
}

/** Prints JSON for scripts (`--json`) or the human rendering. */
export function emit(command: Command, value: unknown, human: () => string): void {
  process.stdout.write(`${wantsJson(command) ? JSON.stringify(value, null, 2) : human()}\n`);
}
