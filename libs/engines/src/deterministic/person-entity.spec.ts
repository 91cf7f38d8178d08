import { describe, expect, it } from 'vitest';
import { emailMatchesName } from '@vs/domain';
import { localeData } from './locale-data';
import { drawEmail, drawPerson, learnPersonStyle, sexOf } from './person-entity';
import { SeededRandom } from './seeded-random';

describe(learnPersonStyle.name, () => {
  it("learns the exemplars' email shapes and domains, leaving out a domain made of the person's own name", () => {
    const style = learnPersonStyle(
      localeData('de-DE'),
      ['Sabine Krüger', 'Jürgen Hoffmann'],
      [
        { name: 'Sabine Krüger', email: 'sabine.krueger@example.de' },
        { name: 'Jürgen Hoffmann', email: 'j.hoffmann@example.de' },
        { name: 'Priya Raman', email: 'priya@raman-design.example' },
      ],
    );
    expect(style.emailShapes).toEqual(['given.family', 'g.family']);
    expect(style.emailDomains).toEqual(['example.de', 'example.de']);
    expect(style.honorificShare).toBe(0);
  });

  it('reads a Latin name given name first even where the locale writes the family name first', () => {
    const style = learnPersonStyle(
      localeData('ja-JP'),
      ['佐藤 花子'],
      [{ name: 'Hanako Sato', email: 'hanako.sato@example.jp' }],
    );
    expect(style.emailShapes).toEqual(['given.family']);
  });
});

describe(drawPerson.name, () => {
  it.each(['de-DE', 'ru-RU', 'ja-JP', 'zh-CN', 'ko-KR', 'ar', 'fr-FR', 'en-US'])(
    'writes %s names whose email the rule checker accepts',
    (locale) => {
      const data = localeData(locale);
      const style = learnPersonStyle(data, [], []);
      const random = new SeededRandom(locale);
      for (let i = 0; i < 50; i++) {
        const person = drawPerson(data, style, random);
        const email = drawEmail(person, style, data.language, random);
        expect(email).toMatch(/^[a-z0-9._-]+@example\.com$/);
        expect(emailMatchesName(email, person.latin || person.full)).toBe(true);
        expect(emailMatchesName(email, person.full)).toBe(true);
      }
    },
  );

  it('gives Japanese names their Hepburn reading, not a Chinese one', () => {
    const data = localeData('ja-JP');
    const random = new SeededRandom('ja');
    const person = drawPerson(data, learnPersonStyle(data, [], []), random);
    expect(person.full).toMatch(/^\p{Script=Han}+ [\p{Script=Han}\p{Script=Hiragana}]+$/u);
    expect(person.latin).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(data.latinNames.get(person.family)).toBe(person.latin.split(' ')[1]);
  });

  it('draws a person of the sex the exemplar person has', () => {
    const data = localeData('fr-FR');
    const style = learnPersonStyle(data, [], []);
    const random = new SeededRandom('fr');
    for (let i = 0; i < 30; i++) {
      const person = drawPerson(data, style, random, 'female');
      expect(sexOf(person.full, data, false)).not.toBe('male');
    }
  });
});
