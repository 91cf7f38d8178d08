import { describe, expect, it } from 'vitest';
import { localeData } from './locale-data';
import { drawAddress, drawOrganisation, drawPhone, drawProduct, learnPhoneShape, spreadIndex } from './place-and-trade';
import { SeededRandom } from './seeded-random';

describe(learnPhoneShape.name, () => {
  it('keeps the country and area code and the groups every exemplar shares, draws the rest', () => {
    const shape = learnPhoneShape(['+1 617 555 0142', '+1 312 555 0199']);
    const random = new SeededRandom('phones');
    for (let i = 0; i < 50; i++)
      expect(drawPhone(shape, localeData('en-US'), random)).toMatch(/^\+1 (617|312) 555 [1-9]\d{3}$/);
  });

  it('writes the national format without an extension when there are no exemplars', () => {
    const random = new SeededRandom('national');
    for (let i = 0; i < 50; i++) expect(drawPhone(null, localeData('en-US'), random)).not.toMatch(/x/);
  });
});

describe(drawAddress.name, () => {
  it('picks a real city of the locale with its own region and a postcode of its pattern', () => {
    const data = localeData('de-DE');
    const random = new SeededRandom('address');
    for (let i = 0; i < 50; i++) {
      const address = drawAddress(data.cities, [], data, random);
      const city = data.cities.find((c) => c.city === address.city)!;
      expect(address.region).toBe(city.region);
      expect(address.postcode).toMatch(new RegExp(`^${city.postcode.replace(/#/g, '\\d')}$`));
      expect(address.country).toBe('Deutschland');
    }
  });
});

describe(spreadIndex.name, () => {
  it('gives each block of n turns n different entries, and a turn n later the next entry along', () => {
    for (const start of [0, 24, 48, 240]) {
      const run = Array.from({ length: 24 }, (_, i) => spreadIndex(start + i, 24));
      expect(new Set(run).size).toBe(24);
    }
    // A shape met every 24 records (or every 48) meets another town each time.
    const every24 = Array.from({ length: 10 }, (_, k) => spreadIndex(3 + 24 * k, 24));
    expect(new Set(every24).size).toBe(10);
  });

  it("spreads an anchor's records over the towns instead of a random draw's repeats", () => {
    const data = localeData('es-ES');
    const random = new SeededRandom('spread');
    const towns = Array.from({ length: data.cities.length }, (_, turn) =>
      drawAddress(data.cities, [], data, random, false, turn),
    );
    expect(new Set(towns.map((t) => t.city)).size).toBe(data.cities.length);
  });
});

describe(drawOrganisation.name, () => {
  it("keeps an exemplar name's trade and legal form and gives it another brand, never an exemplar's name", () => {
    const names = ['Nordlicht Versand GmbH', 'The Harbourside Hotel'];
    const random = new SeededRandom('org');
    for (let i = 0; i < 50; i++) {
      const name = drawOrganisation(names, localeData('de-DE'), random, new Set(names));
      expect(names).not.toContain(name);
      expect(name).toMatch(/ Versand GmbH$|^The \S+ Hotel$/);
    }
  });

  it('moves a name that starts from its city to another real city', () => {
    const random = new SeededRandom('zh');
    const name = drawOrganisation(
      ['杭州云衣服饰有限公司'],
      localeData('zh-CN'),
      random,
      new Set(['杭州云衣服饰有限公司']),
    );
    expect(name).toMatch(/^\p{Script=Han}{2,3}云衣服饰有限公司$/u);
    expect(name).not.toBe('杭州云衣服饰有限公司');
  });
});

describe(drawProduct.name, () => {
  it("varies the exemplar product's sizes and colours and never returns it as it stands", () => {
    const random = new SeededRandom('products');
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const name = drawProduct(
        'XL Black Ink Cartridge',
        [],
        localeData('en-US'),
        random,
        new Set(['XL Black Ink Cartridge']),
      );
      expect(name).not.toBe('XL Black Ink Cartridge');
      seen.add(name);
    }
    expect(seen.size).toBeGreaterThan(5);
    const sized = drawProduct('Wanderrucksack 35 L', [], localeData('de-DE'), random, new Set(['Wanderrucksack 35 L']));
    expect(sized).toMatch(/^Wanderrucksack \d+ L/);
  });
});
