import { describe, expect, it } from 'vitest';
import { outputFolderName } from './owned-directory';

describe(outputFolderName.name, () => {
  it('uses a validated id as its own folder, so ids differing only in - and _ never share one', () => {
    expect(outputFolderName('acme-x')).toBe('acme-x');
    expect(outputFolderName('acme_x')).toBe('acme_x');
    expect(outputFolderName('retail-customer-orders')).toBe('retail-customer-orders');
  });

  it('keeps an id from before validation inside the output root and apart from every other id', () => {
    const names = ['..', 'acme.x', 'acme/x', '../../etc', ' ', 'Acme'].map(outputFolderName);
    for (const name of names) expect(name).toMatch(/^[a-z0-9_][a-z0-9_-]*-[0-9a-f]{12}$/);
    expect(new Set(names).size).toBe(names.length);
  });
});
