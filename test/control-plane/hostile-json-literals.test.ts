import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobRequest, startControlPlane, type ControlPlane, type Reply } from './support/control-plane.harness';

/**
 * What JSON.parse and Number() would quietly accept: integers written as `2e0`, repeated keys, a
 * `__proto__` key, deep nesting, query and path integers such as `1e2` or `0x10`. Each answers 400 (or
 * 415) naming the field and the fix, and writes no job, outbox row or audit entry.
 */
describe('Admin API against JSON a lax reader would accept', () => {
  let cp: ControlPlane;
  const rows = async () => [
    await cp.count('oracle_synthetic_generation_jobs'),
    await cp.count('outbox'),
    await cp.count('audit_log'),
  ];
  let before: number[];
  const requestText = (raw: string, field = 'record_count', plain = '20') =>
    JSON.stringify(jobRequest()).replace(`"${field}":${plain}`, `"${field}":${raw}`);
  const post = (rawBody: string, path = '/jobs', headers: Record<string, string> = {}) =>
    cp.call('POST', path, { rawBody, headers });
  const expectRefused = (reply: Reply, field: string, message: RegExp, status = 400) => {
    expect(reply.status).toBe(status);
    expect(reply.body.error.message).toMatch(message);
    expect(reply.body.error.issues[0]).toMatchObject({ field, accepted: expect.any(String) });
  };

  beforeAll(async () => {
    cp = await startControlPlane('hostile_json');
    before = await rows();
  });
  afterAll(async () => {
    expect(await rows()).toEqual(before);
    await cp.close();
  });

  describe('integers in the body', () => {
    it.each([
      ['2e0', '2'],
      ['2.0', '2'],
      ['2E1', '20'],
      ['20e-1', '2'],
      ['-0', '0'],
      ['1e400', '2'],
      ['9007199254740993', '2'],
      ['123456789012345678901234567890', '2'],
      ['0.5e1', '5'],
    ])('refuses record_count written %s, naming the field and the plain form', async (raw, example) => {
      const reply = await post(requestText(raw));
      expectRefused(
        reply,
        'record_count',
        new RegExp(`^record_count must be written as a plain integer such as ${example}$`),
      );
      expect(reply.body.error.issues[0].accepted).toMatch(/decimal digits only/);
    });

    it('names the exact range for an integer past 2^53', async () => {
      const reply = await post(requestText('9007199254740993'));
      expect(reply.body.error.issues[0].problem).toMatch(/beyond 9007199254740991/);
    });

    it.each([
      ['template_revision', '1.0', '1'],
      ['template_revision', '1e0', '1'],
    ])('refuses %s written %s', async (field, raw, plain) => {
      const reply = await post(requestText(raw, field, plain));
      expectRefused(reply, field, new RegExp(`^${field} must be written as a plain integer such as 1$`));
    });

    it('refuses token_budget written 1e3, read from the schema rather than a list of names', async () => {
      const reply = await post(JSON.stringify(jobRequest()).replace('}', ',"token_budget":1e3}'));
      expectRefused(reply, 'token_budget', /^token_budget must be written as a plain integer such as 1000$/);
    });

    it('refuses a rerun token_budget written 5e3 before looking the job up', async () => {
      const reply = await post('{"token_budget": 5e3}', `/jobs/${randomUUID()}/rerun`);
      expectRefused(reply, 'token_budget', /plain integer such as 5000/);
    });

    it('refuses a draft from_revision written 1.0', async () => {
      const reply = await post('{"from_revision": 1.0}', '/templates/retail-customer-orders/revisions');
      expectRefused(reply, 'from_revision', /^from_revision must be written as a plain integer such as 1$/);
    });
  });

  describe('keys and structure', () => {
    it('refuses a key written twice (JSON.parse would keep the last, 100,000,000)', async () => {
      const body = JSON.stringify(jobRequest())
        .replace('{', '{"record_count":1,')
        .replace('"record_count":20', '"record_count":100000000');
      const reply = await post(body);
      expectRefused(reply, 'record_count', /record_count appears more than once in the body; send each field once/);
    });

    it('refuses a repeated key inside a nested object by its path', async () => {
      const reply = await post(JSON.stringify(jobRequest()).replace('}', ',"extra":[{"a":1,"a":2}]}'));
      expectRefused(reply, 'extra[0].a', /appears more than once/);
    });

    it.each([
      ['at the top', '{"__proto__":{"role":"admin"},', '__proto__'],
      ['nested', '{"extra":{"__proto__":{"tenant_id":null}},', 'extra.__proto__'],
    ])('refuses a __proto__ key %s', async (_where, prefix, field) => {
      const reply = await post(JSON.stringify(jobRequest()).replace('{', prefix));
      expectRefused(reply, field, /a field named __proto__ is refused; remove it/);
    });

    it.each(['constructor', 'prototype', 'toString'])('names a %s key as not a known field', async (key) => {
      const reply = await post(JSON.stringify({ ...jobRequest(), [key]: { polluted: true } }));
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues).toContainEqual(
        expect.objectContaining({ field: key, problem: expect.stringMatching(/not a known field/) }),
      );
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([40, 20_000])('refuses a body nesting %i levels deep', async (depth) => {
      const reply = await post(
        JSON.stringify(jobRequest()).replace('}', `,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`),
      );
      expectRefused(reply, '(body)', /nests deeper than 32 levels/);
    });
  });

  describe('encoding', () => {
    it.each(['latin1', 'iso-8859-1', 'utf-16', 'windows-1252'])(
      'answers 415 for charset=%s, naming Content-Type',
      async (charset) => {
        const reply = await post(JSON.stringify(jobRequest()), '/jobs', {
          'content-type': `application/json; charset=${charset}`,
        });
        expect(reply.status).toBe(415);
        expect(reply.body.error.issues[0]).toMatchObject({
          field: 'Content-Type',
          accepted: expect.stringMatching(/application\/json/),
        });
      },
    );
  });

  describe('ids an attacker sizes or disguises', () => {
    it.each([
      ['template_id', 'x'.repeat(10_000)],
      ['chapter_key', 'c'.repeat(10_000)],
      ['subchapter_key', 's'.repeat(10_000)],
      ['template_id', '../retail-customer-orders'],
      ['template_id', 'retail-customer-orders\u200b'],
      ['chapter_key', 'ONLINE_CHECKOUT'],
    ])('refuses %s of the wrong shape by its rule, without echoing it back', async (field, value) => {
      const reply = await cp.call('POST', '/jobs', { body: jobRequest({ [field]: value }) });
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({ field, problem: expect.stringMatching(/lowercase letters/) });
      expect(JSON.stringify(reply.body).length).toBeLessThan(1_000);
    });

    it.each([
      ['a Cyrillic а', '\u0430cme'],
      ['a Greek ο', 'acme-c\u03bfrp'],
      ['full-width letters', '\uff41\uff43\uff4d\uff45'],
      ['a zero-width space', 'ac\u200bme'],
      ['a combining accent', 'acme\u0301'],
    ])('refuses a tenant_id with %s (a confusable of an ASCII id)', async (_what, tenant) => {
      const reply = await cp.call('POST', '/jobs', { body: jobRequest({ tenant_id: tenant }) });
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({
        field: 'tenant_id',
        problem: expect.stringMatching(/lowercase letters/),
      });
    });

    it('refuses a 10 KB template id in a path by its rule', async () => {
      const reply = await cp.call('GET', `/templates/${'x'.repeat(10_000)}`);
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({
        field: 'id',
        problem: expect.stringMatching(/lowercase letters/),
      });
    });

    it.each([
      ['tenant_id', 'x'.repeat(12_000)],
      ['tenant_id', 'ACME'],
      ['template_id', '..%2F..%2Fetc'],
    ])('refuses the queue filter ?%s= of the wrong shape', async (name, value) => {
      const reply = await cp.call('GET', `/jobs?${name}=${value}`);
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({
        field: name,
        problem: expect.stringMatching(/lowercase letters/),
      });
    });

    it.each([
      ['a non-ASCII character', 'cl\u00e9'],
      ['a tab', 'order\tsync'],
    ])('refuses an Idempotency-Key with %s, naming the header', async (_what, key) => {
      const reply = await cp.call('POST', '/jobs', { body: jobRequest(), headers: { 'idempotency-key': key } });
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({
        field: 'Idempotency-Key',
        accepted: expect.stringMatching(/printable ASCII/),
      });
    });
  });

  describe('answers an attacker could make large', () => {
    it.each([
      [
        '2,000 unknown query parameters',
        () => cp.call('GET', `/jobs?${Array.from({ length: 2000 }, (_, i) => `q${i}=1`).join('&')}`),
      ],
      [
        '3,000 unknown body fields',
        () =>
          cp.call('POST', '/jobs', {
            body: { ...jobRequest(), ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`k${i}`, 0])) },
          }),
      ],
    ])('lists at most 20 problems for %s and counts the rest', async (_what, request) => {
      const reply = await request();
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues).toHaveLength(21);
      expect(reply.body.error.issues[0]).toMatchObject({ problem: 'is not a known field; remove it' });
      expect(reply.body.error.issues[20]).toMatchObject({
        field: '(request)',
        problem: expect.stringMatching(/^\d+ more problems not listed$/),
        accepted: 'fix those above and send again',
      });
      expect(reply.body.error.message).toMatch(/ and \d+ more$/);
      expect(JSON.stringify(reply.body).length).toBeLessThan(3_000);
    });

    it('echoes only the start of a 10 KB job id that is not a UUID', async () => {
      const reply = await cp.call('GET', `/jobs/${'j'.repeat(10_000)}`);
      expect(reply.status).toBe(404);
      expect(reply.body.error.message).toMatch(/^job_id: no job "j{40}…" \(job ids are UUIDs\)$/);
    });

    it.each([
      ['two keys joined by a proxy', 'order-1, order-2'],
      ['a key of 10,000 characters', 'k'.repeat(10_000)],
    ])('refuses an Idempotency-Key of %s, naming the header', async (_what, key) => {
      const reply = await cp.call('POST', '/jobs', { body: jobRequest(), headers: { 'idempotency-key': key } });
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({
        field: 'Idempotency-Key',
        accepted: expect.stringMatching(/1-200 printable ASCII/),
      });
      expect(JSON.stringify(reply.body).length).toBeLessThan(1_000);
    });

    it.each(['application/jsonx', 'application/json5', 'text/json'])(
      'answers 415 for Content-Type %s',
      async (type) => {
        const reply = await cp.call('POST', '/jobs', {
          rawBody: JSON.stringify(jobRequest()),
          headers: { 'content-type': type },
        });
        expect(reply.status).toBe(415);
        expect(reply.body.error.issues[0]).toMatchObject({ field: 'Content-Type', accepted: 'application/json' });
      },
    );

    it.each(['__proto__=1', 'constructor[prototype][role]=admin', '__proto__[tenant_id]=acme'])(
      'refuses the query %s as an unknown parameter',
      async (query) => {
        const reply = await cp.call('GET', `/jobs?${query}`);
        expect(reply.status).toBe(400);
        expect(reply.body.error.issues[0]).toMatchObject({ problem: 'is not a known field; remove it' });
        expect(({} as Record<string, unknown>).role).toBeUndefined();
      },
    );
  });

  describe('integers in the query and the path', () => {
    it.each([
      ['limit', '1e2'],
      ['limit', '0x10'],
      ['limit', '%205'],
      ['limit', '5.0'],
      ['limit', '+5'],
      ['limit', '1e9'],
      ['limit', '0'],
      ['offset', '-1'],
      ['offset', '99999999999999999999'],
      ['offset', '1e3'],
    ])('refuses ?%s=%s naming the parameter', async (name, value) => {
      const reply = await cp.call('GET', `/jobs?${name}=${value}`);
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({ field: name, problem: expect.any(String) });
    });

    it.each(['limit=1&limit=2', 'limit[]=1', 'limit[a]=1'])(
      'refuses the repeated or structured parameter %s',
      async (query) => {
        const reply = await cp.call('GET', `/jobs?${query}`);
        expect(reply.status).toBe(400);
        expect(reply.body.error.issues[0].field).toMatch(/^limit/);
      },
    );

    it.each(['1e0', '0x1', '1.0', '%201', '01'])('refuses revision %s in a path', async (rev) => {
      const reply = await cp.call('GET', `/templates/retail-customer-orders/revisions/${rev}`);
      expect(reply.status).toBe(400);
      expect(reply.body.error.issues[0]).toMatchObject({
        field: 'rev',
        problem: expect.stringMatching(/plain integer/),
      });
    });

    it.each(['..%2F..%2Fetc%2Fpasswd', '1e0', '-1', '0x0'])(
      'refuses the output index %s before reading anything',
      async (index) => {
        const reply = await cp.call('GET', `/jobs/${randomUUID()}/outputs/${index}`);
        expect(reply.status).toBe(400);
        expect(reply.body.error.issues[0]).toMatchObject({
          field: 'index',
          problem: expect.stringMatching(/plain integer/),
        });
      },
    );
  });
});
