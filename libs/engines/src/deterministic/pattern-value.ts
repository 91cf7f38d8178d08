import type { SeededRandom } from './seeded-random';

/** A compiled piece of a simple regular expression: pick one of `choices` (or of `alternatives`), `min`..`max` times. */
interface Node {
  choices?: string;
  alternatives?: Node[][];
  min: number;
  max: number;
}

const DIGITS = '0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const CLASS_ESCAPES: Record<string, string> = { d: DIGITS, w: UPPER + LOWER + DIGITS + '_', s: ' ' };
// Open-ended quantifiers stop here: ids and codes are short.
const OPEN_REPEAT = 4;

class Parser {
  private i = 0;
  constructor(private readonly source: string) {}

  parse(): Node[][] {
    const alternatives = this.sequence();
    if (this.i < this.source.length) throw new Error(`unsupported pattern at ${this.i}`);
    return alternatives;
  }

  private sequence(): Node[][] {
    const alternatives: Node[][] = [[]];
    while (this.i < this.source.length && this.source[this.i] !== ')') {
      const c = this.source[this.i]!;
      if (c === '|') {
        this.i++;
        alternatives.push([]);
        continue;
      }
      if (c === '^' || c === '$') {
        this.i++;
        continue;
      }
      const node = this.atom();
      this.quantifier(node);
      alternatives[alternatives.length - 1]!.push(node);
    }
    return alternatives;
  }

  private atom(): Node {
    const c = this.source[this.i++]!;
    if (c === '(') {
      if (this.source.startsWith('?:', this.i)) this.i += 2;
      const alternatives = this.sequence();
      if (this.source[this.i++] !== ')') throw new Error('unclosed group');
      return { alternatives, min: 1, max: 1 };
    }
    if (c === '[') return { choices: this.characterClass(), min: 1, max: 1 };
    if (c === '\\') return { choices: this.escape(), min: 1, max: 1 };
    if (c === '.') return { choices: UPPER + DIGITS, min: 1, max: 1 };
    if ('*+?{'.includes(c)) throw new Error('quantifier without atom');
    return { choices: c, min: 1, max: 1 };
  }

  private escape(): string {
    const e = this.source[this.i++];
    if (e === undefined) throw new Error('dangling escape');
    return CLASS_ESCAPES[e] ?? e;
  }

  private characterClass(): string {
    if (this.source[this.i] === '^') throw new Error('negated classes are not generated');
    let out = '';
    while (this.i < this.source.length && this.source[this.i] !== ']') {
      let c = this.source[this.i++]!;
      if (c === '\\') c = this.escape();
      if (this.source[this.i] === '-' && this.source[this.i + 1] !== ']' && c.length === 1) {
        this.i++;
        let end = this.source[this.i++]!;
        if (end === '\\') end = this.escape();
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) out += String.fromCharCode(code);
      } else out += c;
    }
    if (this.source[this.i++] !== ']') throw new Error('unclosed class');
    return out;
  }

  private quantifier(node: Node): void {
    const c = this.source[this.i];
    if (c === '?') [node.min, node.max] = [0, 1];
    else if (c === '*') [node.min, node.max] = [0, OPEN_REPEAT];
    else if (c === '+') [node.min, node.max] = [1, OPEN_REPEAT];
    else if (c === '{') {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.i));
      if (!match) throw new Error('bad repeat');
      node.min = Number(match[1]);
      node.max = match[2] === undefined ? node.min : match[3] ? Number(match[3]) : node.min + OPEN_REPEAT;
      this.i += match[0].length;
      return;
    } else return;
    this.i++;
  }
}

/** A generator for a schema's pattern, or null when the pattern uses features it does not generate. */
export function compilePattern(pattern: string): ((random: SeededRandom) => string) | null {
  let tree: Node[][];
  try {
    tree = new Parser(pattern).parse();
  } catch {
    return null;
  }
  const emit = (alternatives: Node[][], random: SeededRandom): string => {
    let out = '';
    for (const node of random.pick(alternatives)) {
      const times = random.int(node.min, node.max);
      for (let t = 0; t < times; t++)
        out += node.alternatives
          ? emit(node.alternatives, random)
          : node.choices!.charAt(random.int(0, node.choices!.length - 1));
    }
    return out;
  };
  const check = new RegExp(pattern);
  return (random) => {
    let value = emit(tree, random);
    // A lookahead or similar slipped through the parser: try a few more draws before giving up on the pattern.
    for (let attempt = 0; attempt < 3 && !check.test(value); attempt++) value = emit(tree, random);
    return value;
  };
}
