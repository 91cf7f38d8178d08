import { describe, expect, it } from 'vitest';
import {
  buildOutputManifest,
  describeOutput,
  isQualityReportOutput,
  jsonlLine,
  OutputDigest,
  QUALITY_REPORT_FORMATS,
  recordOutputs,
  sha256Hex,
  stableStringify,
  toJsonl,
} from './output-manifest';

describe(sha256Hex.name, () => {
  it('hashes strings and buffers alike', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(Buffer.from('abc'))).toBe(sha256Hex('abc'));
  });
});

describe(toJsonl.name, () => {
  it('writes one key-sorted object per line, newline-terminated', () => {
    const jsonl = toJsonl([{ b: 1, a: 'x', nested: { z: true, y: null } }, { a: 'ü' }]);
    expect(jsonl).toBe('{"a":"x","b":1,"nested":{"y":null,"z":true}}\n{"a":"ü"}\n');
    expect(
      jsonl
        .split('\n')
        .slice(0, -1)
        .map((line) => JSON.parse(line)),
    ).toHaveLength(2);
  });

  it('serialises the same record identically whatever its key order', () => {
    expect(stableStringify({ a: 1, b: [{ d: 2, c: 3 }] })).toBe(stableStringify({ b: [{ c: 3, d: 2 }], a: 1 }));
  });

  it('writes nothing for no records', () => {
    expect(toJsonl([])).toBe('');
  });
});

describe(buildOutputManifest.name, () => {
  const records = toJsonl([{ id: 1 }, { id: 2 }]);
  const jsonl = describeOutput('qa/job-1/part-0001.jsonl', 'jsonl', 2, records);
  const readme = describeOutput('qa/job-1/README.md', 'markdown', 0, Buffer.from('# Job 1\n'));

  it('measures bytes and sha256 from the exact content written', () => {
    expect(jsonl).toEqual({
      location: 'qa/job-1/part-0001.jsonl',
      format: 'jsonl',
      record_count: 2,
      bytes: Buffer.byteLength(records),
      sha256: sha256Hex(records),
    });
  });

  it('builds the same manifest whatever order the outputs arrive in', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const one = buildOutputManifest({
      job_id: 'job-1',
      target_surface: 'qa_fixtures',
      outputs: [jsonl, readme],
      generated_at: at,
    });
    const two = buildOutputManifest({
      job_id: 'job-1',
      target_surface: 'qa_fixtures',
      outputs: [readme, jsonl],
      generated_at: at.toISOString(),
    });
    expect(one).toEqual(two);
    expect(one.outputs.map((o) => o.location)).toEqual(['qa/job-1/README.md', 'qa/job-1/part-0001.jsonl']);
    expect(one.generated_at).toBe('2026-01-02T03:04:05.000Z');
  });

  it('refuses a malformed output, a duplicated location or an invalid time', () => {
    const base = { job_id: 'j', target_surface: 'demo_bundle' as const, generated_at: '2026-01-01T00:00:00Z' };
    expect(() => buildOutputManifest({ ...base, outputs: [{ ...jsonl, sha256: 'nope', bytes: -1 }] })).toThrow(
      /bytes must be a non-negative integer, sha256 must be 64 lowercase hex digits/,
    );
    expect(() => buildOutputManifest({ ...base, outputs: [jsonl, jsonl] })).toThrow(/same location/);
    expect(() => buildOutputManifest({ ...base, outputs: [], generated_at: 'soon' })).toThrow(/generated_at/);
  });
});

describe(isQualityReportOutput.name, () => {
  it('tells the quality report files from the record outputs, listed after them with their sha256', () => {
    const records = describeOutput('/out/records.jsonl', 'jsonl', 2, '{}\n{}\n');
    const html = describeOutput('/out/quality.html', QUALITY_REPORT_FORMATS.html, 2, '<!doctype html>');
    const json = describeOutput('/out/quality.json', QUALITY_REPORT_FORMATS.json, 2, '{}');
    const manifest = buildOutputManifest({
      job_id: 'j',
      target_surface: 'qa_fixtures',
      outputs: [json, html, records],
      generated_at: '2026-01-01T00:00:00Z',
    });
    expect(manifest.outputs.map((o) => o.location)).toEqual([
      '/out/records.jsonl',
      '/out/quality.html',
      '/out/quality.json',
    ]);
    expect(manifest.outputs.filter(isQualityReportOutput).map((o) => o.sha256)).toEqual([
      sha256Hex('<!doctype html>'),
      sha256Hex('{}'),
    ]);
    expect(recordOutputs(manifest.outputs)).toEqual([records]);
  });
});

describe(OutputDigest.name, () => {
  it('describes bytes written piece by piece exactly as describeOutput describes them whole', () => {
    const lines = [{ b: 1, a: 'ü' }, { a: 'x' }, {}].map(jsonlLine);
    const digest = new OutputDigest();
    for (const line of lines) digest.update(line);
    digest.update(Buffer.alloc(0));
    expect(digest.bytes).toBe(Buffer.byteLength(lines.join('')));
    expect(digest.describe('/out/records.jsonl', 'jsonl', 3)).toEqual(
      describeOutput('/out/records.jsonl', 'jsonl', 3, lines.join('')),
    );
  });

  it('describes nothing written as the empty file', () => {
    expect(new OutputDigest().describe('/out/x', 'jsonl', 0)).toEqual(describeOutput('/out/x', 'jsonl', 0, ''));
  });
});

describe(jsonlLine.name, () => {
  it('is one line of toJsonl', () => {
    const records = [{ z: [1, { b: 2, a: 1 }] }, { a: null }];
    expect(records.map(jsonlLine).join('')).toBe(toJsonl(records));
  });
});
