/**
 * How long each job has been waiting on a paused LLM endpoint. A pause ends with one probe after the
 * circuit's cooldown; a job still paused after a whole cooldown has outlived a failed probe, so the
 * endpoint is down rather than hiccuping and the job is failed with the reason instead of waiting on.
 */
export class JobPauseTracker {
  private readonly since = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Notes that the job is paused (again); returns for how long it has been. */
  paused(jobId: string): number {
    const since = this.since.get(jobId) ?? this.now();
    this.since.set(jobId, since);
    return this.now() - since;
  }

  resumed(jobId: string): void {
    this.since.delete(jobId);
  }
}
