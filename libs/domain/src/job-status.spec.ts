import { describe, expect, it } from 'vitest';
import { nextJobStatus, type JobProgressCounts } from './job-status';

const counts = (over: Partial<JobProgressCounts>): JobProgressCounts => ({
  record_count: 10,
  expanded_records: 0,
  generated_records: 0,
  validated_records: 0,
  manifest_written: false,
  ...over,
});

describe(nextJobStatus.name, () => {
  it('moves a queued job forward through each stage as reports arrive', () => {
    expect(nextJobStatus('queued', counts({ expanded_records: 10 }), false)).toBe('expanding');
    expect(nextJobStatus('expanding', counts({ expanded_records: 10, generated_records: 5 }), false)).toBe(
      'generating',
    );
    expect(nextJobStatus('generating', counts({ generated_records: 10, validated_records: 3 }), false)).toBe(
      'validating',
    );
    expect(nextJobStatus('validating', counts({ validated_records: 10 }), false)).toBe('distributing');
    expect(nextJobStatus('distributing', counts({ validated_records: 10, manifest_written: true }), false)).toBe(
      'completed',
    );
  });

  it('never moves backwards when a late report carries smaller counts', () => {
    expect(nextJobStatus('validating', counts({ expanded_records: 10 }), false)).toBe('validating');
  });

  it('fails a running job when a stage gives up', () => {
    expect(nextJobStatus('generating', counts({ generated_records: 4 }), true)).toBe('failed');
  });

  it('leaves terminal and cancelling jobs alone', () => {
    expect(nextJobStatus('cancelled', counts({ validated_records: 10, manifest_written: true }), false)).toBe(
      'cancelled',
    );
    expect(nextJobStatus('completed', counts({}), true)).toBe('completed');
    expect(nextJobStatus('cancelling', counts({ validated_records: 10, manifest_written: true }), false)).toBe(
      'cancelling',
    );
  });
});
