import anyAscii from 'any-ascii';

// Titles and honorifics a name may carry; they never make up an email address.
// prettier-ignore
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'herr', 'frau', 'fr', 'hr', 'monsieur', 'madame', 'mme',
  'mlle', 'm', 'senor', 'senora', 'sr', 'sra', 'srta', 'don', 'dona', 'signor', 'signora', 'sig', 'dott', 'ing',
  'mag', 'dipl', 'san', 'sama', 'kun', 'chan', 'sensei',
]);

/** Han characters have no one reading (a Japanese name is not its Mandarin pinyin): such names cannot be checked. */
const HAN = /\p{Script=Han}/u;

/** A name's words as lowercase ASCII (transliterated from any script), honorifics dropped: "Herr Jürgen Groß" → [jurgen, gross]. */
export function asciiNameTokens(name: string): string[] {
  return (
    anyAscii(name.normalize('NFC'))
      .toLowerCase()
      // Soft signs and apostrophes transliterate to ' (Ольга → Ol'ga, O'Brien): part of the word, not a break.
      .replace(/['’`]/g, '')
      .split(/[^a-z0-9]+/)
      .filter((t) => t.length > 0 && !/^\d+$/.test(t) && !HONORIFICS.has(t))
  );
}

// How German and Nordic writers spell their letters in an address (Krüger → krueger), beside any-ascii's krüger → kruger.
const DIGRAPHS: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  å: 'aa',
  ø: 'oe',
};

/** The name's tokens under every usual spelling of its letters. */
function tokenVariants(name: string): string[] {
  const digraphs = name.normalize('NFC').replace(/[äöüÄÖÜåø]/g, (c) => DIGRAPHS[c]!);
  return [...new Set([...asciiNameTokens(name), ...asciiNameTokens(digraphs)])];
}

/**
 * Can `chunk` be cut into pieces that are each a name token, an initial, or a 3+ letter prefix of a
 * token ("alex" of "alexander")? `full` tells whether some piece is a whole token or a 3+ letter prefix.
 */
function segmentable(chunk: string, tokens: readonly string[]): { ok: boolean; full: boolean } {
  // best[i]: chunk[0, i) can be segmented; strong[i]: ...with a piece that names the person, not just an initial.
  const best: boolean[] = [true, ...Array<boolean>(chunk.length).fill(false)];
  const strong: boolean[] = Array<boolean>(chunk.length + 1).fill(false);
  for (let i = 0; i < chunk.length; i++) {
    if (!best[i]) continue;
    for (const token of tokens) {
      for (let len = token.length; len >= 1; len--) {
        if (len !== token.length && len !== 1 && len < 3) continue;
        if (chunk.startsWith(token.slice(0, len), i)) {
          best[i + len] = true;
          if (len >= Math.min(3, token.length) && len > 1) strong[i + len] = true;
          if (strong[i]) strong[i + len] = true;
        }
      }
    }
  }
  return { ok: best[chunk.length]!, full: strong[chunk.length]! };
}

/**
 * Whether an email address (or a user name) is built from the person's or organisation's name:
 * every letter group of its local part is made of the name's words, initials or 3+ letter prefixes
 * (digits and . _ - + may sit anywhere), and at least one group names more than an initial.
 * "maya.thompson@", "m.thompson84@", "thompsonm@" match Maya Thompson; "ronja_friedmann97@" does not.
 * A name with Han characters cannot be checked (no single reading) and is taken as matching.
 */
export function emailMatchesName(email: string, name: string): boolean {
  if (HAN.test(name)) return true;
  const tokens = tokenVariants(name);
  if (tokens.length === 0) return true;
  const local = anyAscii(email.split('@')[0] ?? '').toLowerCase();
  const chunks = local.split(/[^a-z]+/).filter((c) => c.length > 0);
  if (chunks.length === 0) return false;
  let named = false;
  for (const chunk of chunks) {
    const { ok, full } = segmentable(chunk, tokens);
    if (!ok) return false;
    named ||= full;
  }
  return named;
}
