/** One line, whitespace collapsed, at most `max` characters: job errors and logs never hold a page of HTML. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
