import { describe, expect, it } from 'vitest';
import { JobScoringContext, textFingerprint } from './job-scoring.context';

describe(JobScoringContext.name, () => {
  it('forgets the oldest fingerprint once the bound is reached', () => {
    const job = new JobScoringContext([], { max_fingerprints: 2 });
    job.remember('f1', 'r1');
    job.remember('f2', 'r2');
    job.remember('f3', 'r3');
    expect(job.duplicateOf('f1', 'x')).toBeNull();
    expect(job.duplicateOf('f2', 'x')).toBe('r2');
    expect(job.duplicateOf('f3', 'r3')).toBeNull();
  });

  it('counts a subchapter as covered once, however many records land in it', () => {
    const job = new JobScoringContext([
      { subchapter_key: 'a', exemplar_ids: ['e1'] },
      { subchapter_key: 'b', exemplar_ids: ['e2'] },
    ]);
    expect(job.coverageContribution({ subchapter_key: 'a', exemplar_ids: ['e1'] })).toBe(1);
    expect(job.coverageContribution({ subchapter_key: 'a', exemplar_ids: [] })).toBe(1);
    expect(job.coverageContribution({ subchapter_key: null, exemplar_ids: [] })).toBe(0);
    expect(job.coverage()).toEqual({ covered: 1, planned: 2 });
  });
});

describe(textFingerprint.name, () => {
  it('ignores case, punctuation and spacing but not words', () => {
    expect(textFingerprint(['Hello,  World!'])).toBe(textFingerprint(['hello world']));
    expect(textFingerprint(['hello world'])).not.toBe(textFingerprint(['hello there']));
    expect(textFingerprint(['', ' ... '])).toBeNull();
  });
});
