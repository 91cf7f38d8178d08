import { describe, expect, it } from 'vitest';
import { compileLanguageCheck } from './language.check';
import { checked, goodOrder, orderProfile } from './quality-checks.fixtures';

describe(compileLanguageCheck.name, () => {
  const check = compileLanguageCheck(orderProfile());
  const heard = (note: string, locale: string) =>
    check(checked(goodOrder({ customer_note: note }), locale))[0]?.message ?? null;

  it('rejects prose in the right script but the wrong language', () => {
    expect(heard('Das Paket ist nie angekommen und niemand geht ans Telefon.', 'en-US')).toBe(
      'written in de, en-US expects en',
    );
    expect(heard('The parcel never arrived and nobody answers the phone at all.', 'de-DE')).toBe(
      'written in en, de-DE expects de',
    );
    expect(heard('Le colis est arrivé en retard et la boîte était abîmée.', 'de-DE')).toBe(
      'written in fr, de-DE expects de',
    );
  });

  it('accepts prose in the locale language and leaves short text unjudged', () => {
    expect(heard('Bitte an der Hintertür abstellen, die Klingel ist kaputt.', 'de-DE')).toBeNull();
    expect(heard('Erstvorstellung nach Umzug, Langzeit-EKG empfohlen.', 'de-DE')).toBeNull();
    expect(heard('I am in Ohio.', 'en-US')).toBeNull();
    expect(heard('Danke!', 'en-US')).toBeNull();
  });
});
