import { describe, expect, it } from 'vitest';
import { JobScoringContext } from './job-scoring.context';
import { minhash } from './quality/minhash';

const signature = (text: string) => minhash(text.split(' '));

describe(JobScoringContext.name, () => {
  it('remembers accepted records for near-duplicates, within its bound', () => {
    const job = new JobScoringContext([], { max_remembered: 1024 });
    job.remember(signature('the parcel arrived with a dent in the lid'), 'r1');
    expect(job.duplicateOf(signature('the parcel arrived with a dent in the lid'), 'r2')).toBe('r1');
    expect(job.duplicateOf(signature('the parcel arrived with a dent in the lid'), 'r1')).toBeNull();
    expect(job.duplicateOf(signature('my card was declined twice at the airport'), 'r3')).toBeNull();
  });

  it('reads the reference instant from an ISO string or a Date, and none as null', () => {
    expect(new JobScoringContext([], { reference_at: '2026-12-01T10:00:00Z' }).reference_ms).toBe(
      Date.parse('2026-12-01T10:00:00Z'),
    );
    expect(new JobScoringContext([], { reference_at: new Date(5) }).reference_ms).toBe(5);
    expect(new JobScoringContext([]).reference_ms).toBeNull();
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
