import type { RevisionProfile } from '../exemplar-profile';
import { hardFinding, softFinding, type RecordCheck } from './record-check';

const STRING_TYPES = new Set(['string', 'text', 'email', 'phone', 'url']);
// Zero-width and other invisible characters trim() keeps: text made of them is as blank as spaces.
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/**
 * Required text must say something: blank or whitespace-only text, text with no letter or digit,
 * or text shorter than its min_length once trimmed is rejected. A blank optional value costs a
 * little realism: no value is written null.
 */
export function compileEmptyTextCheck(profile: RevisionProfile): RecordCheck {
  const fields = profile.schema.fields.filter((f) => STRING_TYPES.has(f.type));
  return ({ fields: values }) => {
    const findings = [];
    for (const field of fields) {
      const value = values[field.name];
      if (typeof value !== 'string') continue;
      const trimmed = value.replace(INVISIBLE, '').trim();
      if (trimmed === '') {
        const what = value === '' ? 'empty text' : 'whitespace-only text';
        findings.push(
          field.required
            ? hardFinding('empty_text', field.name, `${what} in a required field`, value)
            : softFinding('empty_text', field.name, 0.2, `${what}; an absent value is null`, value),
        );
        continue;
      }
      if (!/[\p{L}\p{N}]/u.test(trimmed)) {
        findings.push(hardFinding('empty_text', field.name, 'no letter or digit in the text', value));
        continue;
      }
      const min = field.constraints.min_length;
      const length = Array.from(trimmed).length;
      if (min !== undefined && length < min) {
        findings.push(hardFinding('empty_text', field.name, `${length} characters once trimmed, needs ${min}`, value));
      }
    }
    return findings;
  };
}
