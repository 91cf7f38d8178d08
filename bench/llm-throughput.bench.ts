/**
 * Throughput of the OpenAI-compatible engine against the fake server: with 200 ms per request and 16 in
 * flight the ceiling is 80 requests/s; the gap to it is the engine's own overhead (limiter, validation, HTTP)
 * (the fake runs in a child process, as a real endpoint runs elsewhere). `cpu_ms_per_request` is the engine
 * process's CPU time per request, the figure a loaded machine changes least.
 * Run: npx tsx bench/llm-throughput.bench.ts
 *      npx tsx bench/llm-throughput.bench.ts --truncation-heavy   (one reply in three cut; prints the counts)
 */
import { fork } from 'node:child_process';
import { recordSchemaSchema, type PromptPack } from '@vs/contracts';
import { OpenAiCompatibleEngine } from '@vs/engines';
import { FakeOpenAiServer, type FakeServerStats } from '@vs/testing';

const LATENCY_MS = 200;
const MAX_IN_FLIGHT = 16;
const RECORDS = 800;
const IDEAL_RPS = (MAX_IN_FLIGHT * 1000) / LATENCY_MS;

const pack: PromptPack = {
  pack_id: 'bench-pack',
  job_id: 'bench-job',
  pack_index: 0,
  tenant_id: 'bench',
  locale: 'en-US',
  template_id: 'bench-template',
  template_revision: 1,
  chapter_key: 'customers',
  chapter_title: 'Customers',
  subchapter_key: 'retail',
  subchapter_title: 'Retail customers',
  subchapter_intent: 'People who shop in a high-street store',
  exemplars: [],
  record_schema: recordSchemaSchema.parse({
    fields: [
      { name: 'full_name', type: 'string', constraints: { min_length: 3, max_length: 60 } },
      { name: 'age', type: 'integer', constraints: { min: 18, max: 90 } },
      { name: 'tier', type: 'enum', constraints: { enum: ['bronze', 'silver', 'gold'] } },
      { name: 'email', type: 'email' },
      { name: 'joined_on', type: 'date' },
    ],
  }),
  first_record_index: 0,
  record_count: RECORDS,
  engine: 'openai-compatible',
  token_budget: null,
};

/** The fake in a process of its own, as a real endpoint is: its CPU is not the engine's event loop's. */
interface RemoteFake {
  baseUrl: string;
  stats(): Promise<FakeServerStats>;
  close(): void;
}

async function remoteFake(): Promise<RemoteFake> {
  const child = fork(__filename, ['--serve-fake'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = <T>(): Promise<T> => new Promise((resolve) => child.once('message', (m) => resolve(m as T)));
  const { baseUrl } = await next<{ baseUrl: string }>();
  return {
    baseUrl,
    stats: () => {
      const reply = next<FakeServerStats>();
      child.send('stats');
      return reply;
    },
    close: () => child.kill(),
  };
}

/** The child's side: serve, answer 'stats', and end with the parent. */
async function serveFake(): Promise<void> {
  // Schema samples: realistic records would cost the fake more CPU than the engine spends per request.
  const fake = await FakeOpenAiServer.start({ latencyMs: LATENCY_MS, records: 'schema' });
  process.on('message', () => process.send?.(fake.stats()));
  process.on('disconnect', () => void fake.close().then(() => process.exit(0)));
  process.send?.({ baseUrl: fake.baseUrl });
}

async function throughput(): Promise<void> {
  const fake = await remoteFake();
  try {
    const engine = new OpenAiCompatibleEngine({
      baseUrl: fake.baseUrl,
      maxInFlight: MAX_IN_FLIGHT,
      recordsPerRequest: 1,
    });
    const planned = Array.from({ length: RECORDS }, (_, i) => ({ record_id: `bench-${i}`, record_index: i }));
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const outputs = await engine.generate(pack, planned);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const { user, system } = process.cpuUsage(cpu);
    const { received, maxConcurrent } = await fake.stats();
    const rps = received / seconds;
    const failed = outputs.filter((o) => o.error !== null).length;
    console.log(
      JSON.stringify({
        records: RECORDS,
        requests: received,
        failed_records: failed,
        seconds: Number(seconds.toFixed(2)),
        max_concurrent_at_server: maxConcurrent,
        cpu_ms_per_request: Number(((user + system) / 1000 / received).toFixed(2)),
      }),
    );
    console.log(
      `llm throughput: ${rps.toFixed(1)} requests/s = ${((rps / IDEAL_RPS) * 100).toFixed(1)}% of the ideal ${IDEAL_RPS} req/s`,
    );
    if (rps < 0.8 * IDEAL_RPS) process.exitCode = 1;
  } finally {
    fake.close();
  }
}

/**
 * One reply in three cut at the token limit (finish_reason "length"), 5 records a request: every record must
 * still end accepted (fields) or rejected with a reason, none lost, and the cut ones cost only the halves asked again.
 */
async function truncationHeavy(): Promise<void> {
  const fake = await FakeOpenAiServer.start({ latencyMs: LATENCY_MS });
  try {
    fake.behave({ cutEvery: 3 });
    const engine = new OpenAiCompatibleEngine({
      baseUrl: fake.baseUrl,
      maxInFlight: MAX_IN_FLIGHT,
      recordsPerRequest: 5,
    });
    const planned = Array.from({ length: RECORDS }, (_, i) => ({ record_id: `cut-${i}`, record_index: i }));
    const started = process.hrtime.bigint();
    const outputs = await engine.generate(pack, planned);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const accepted = outputs.filter((o) => o.fields !== null).length;
    const rejected = outputs.filter((o) => o.fields === null && typeof o.error === 'string' && o.error !== '').length;
    const answered = fake.requests().filter((r) => r.status === 200);
    const cut = answered.filter((r) => r.finishReason === 'length').length;
    const reasons = [...new Set(outputs.filter((o) => o.error).map((o) => o.error!.replace(/\d+/g, 'N')))].slice(0, 3);
    console.log(
      JSON.stringify({
        truncation_heavy: true,
        records: RECORDS,
        outputs: outputs.length,
        accepted,
        rejected_with_reason: rejected,
        unaccounted: RECORDS - accepted - rejected,
        requests: fake.stats().received,
        answered: answered.length,
        cut_replies: cut,
        seconds: Number(seconds.toFixed(2)),
        reasons,
      }),
    );
    if (outputs.length !== RECORDS || accepted + rejected !== RECORDS) process.exitCode = 1;
  } finally {
    await fake.close();
  }
}

const run = process.argv.includes('--serve-fake')
  ? serveFake
  : process.argv.includes('--truncation-heavy')
    ? truncationHeavy
    : throughput;
run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
