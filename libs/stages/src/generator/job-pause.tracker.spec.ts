import { describe, expect, it } from 'vitest';
import { JobPauseTracker } from './job-pause.tracker';

describe(JobPauseTracker.name, () => {
  it('measures a pause from the first time the job was paused until it resumes', () => {
    let now = 1_000;
    const subject = new JobPauseTracker(() => now);
    expect(subject.paused('job-a')).toBe(0);
    now += 30_000;
    expect(subject.paused('job-a')).toBe(30_000);
    expect(subject.paused('job-b')).toBe(0);
    subject.resumed('job-a');
    expect(subject.paused('job-a')).toBe(0);
  });
});
