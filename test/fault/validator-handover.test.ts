import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRequestInput } from '@vs/contracts';
import { STAGE_NAMES } from '@vs/stages';
import { isTerminal, pipelineHarness, type JobRow, type PipelineHarness } from '../pipeline/pipeline.harness';
import { acceptedRecordIds } from '../pipeline/topic-reader';
import { ServiceProcess, serviceEnv } from './service-process';

const RECORDS = 10_000;

/**
 * Two validator processes share the generated records' partitions. One is killed with SIGKILL (the other takes
 * its partitions over, claiming their transactional ids), restarted (a rebalance hands partitions back), then the
 * other is stopped for good. Through every move, the accepted topic must see each record exactly once.
 */
describe('validators handing partitions to each other in the middle of three jobs', () => {
  let h: PipelineHarness;
  let others: ServiceProcess[];
  let validators: [ServiceProcess, ServiceProcess];

  beforeAll(async () => {
    h = await pipelineHarness('handover');
    const env = serviceEnv(h);
    others = STAGE_NAMES.filter((name) => name !== 'validator').map((name) => new ServiceProcess(name, env));
    validators = [new ServiceProcess('validator', env), new ServiceProcess('validator', env)];
    for (const service of [...others, ...validators]) service.start();
  });

  afterAll(async () => {
    for (const s of [...others, ...validators])
      if (!s.running && s.starts > 0 && s.exitDescription !== 'SIGTERM' && s.exitDescription !== '0')
        console.log(`${s.name} exited ${s.exitDescription}; last output:\n${s.output.slice(-5).join('')}`);
    await Promise.all([...others, ...validators].map((s) => s.close()));
    await h?.close();
  });

  it('completes every job with exact counts and each accepted record on the topic once', async () => {
    const request = (tenant: string): JobRequestInput => ({
      template_id: 'retail-customer-orders',
      template_revision: 1,
      chapter_key: 'online_checkout',
      tenant_id: tenant,
      locale: 'en-US',
      record_count: RECORDS,
      target_surface: 'qa_fixtures',
    });
    const jobs = [await h.trigger(request('t1')), await h.trigger(request('t2')), await h.trigger(request('t3'))];
    const decided = async () => {
      const [row] = await h.database.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM job_record_decisions WHERE job_id = ANY($1::uuid[])',
        [jobs],
      );
      return row!.n;
    };
    const whenDecided = async (n: number) => {
      for (let i = 0; i < 1200 && (await decided()) < n; i++) await new Promise((r) => setTimeout(r, 100));
    };

    const [first, second] = validators;
    await whenDecided(1_000);
    await first.kill('SIGKILL');
    const atKill = await decided();
    await whenDecided(atKill + 1_000); // the survivor carries on alone
    first.start();
    await new Promise((r) => setTimeout(r, 5_000)); // it joins; partitions are shared again
    await second.kill('SIGTERM');
    console.log(JSON.stringify({ decided_at_sigkill: atKill, decided_at_sigterm: await decided() }));

    const rows: JobRow[] = [];
    for (const jobId of jobs) rows.push(await h.waitForJob(jobId, isTerminal, 300_000));
    for (const row of rows) {
      expect(row.status, `job ${row.job_id}: ${String(row.error)}`).toBe('completed');
      expect(row.accepted_records + row.rejected_records).toBe(RECORDS);
    }

    const acceptedTotal = rows.reduce((sum, r) => sum + r.accepted_records, 0);
    const recordIds = await acceptedRecordIds(h.config, acceptedTotal);
    expect(recordIds.length).toBe(acceptedTotal);
    expect(new Set(recordIds).size).toBe(acceptedTotal);
  }, 600_000);
});
