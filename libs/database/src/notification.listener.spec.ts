import pino from 'pino';
import { Client } from 'pg';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { freePort, serverUrl, uniqueSuffix } from '@vs/testing';
import { dropDatabase, ensureDatabase, withDatabase } from './ensure-database';
import { NotificationListener, type NotificationListenerSettings } from './notification.listener';

interface LogLine {
  level: number;
  msg: string;
  channel?: string;
  dependency?: string;
  err?: { message?: string };
}

const WARN = 40;
const ERROR = 50;
// Short waits between attempts: the spec waits on what the listener does, not on its back-off.
const FAST = { initialRetryTime: 20, maxRetryTime: 100 };

/** A listener on a channel of its own, recording what it was told and what it logged. */
function listenerOn(settings: Partial<NotificationListenerSettings> = {}) {
  const suffix = uniqueSuffix();
  const lines: LogLine[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  const channel = settings.channel ?? `Spec_${suffix}`;
  const applicationName = `vs-spec-listener-${suffix}`;
  const listener = new NotificationListener({
    databaseUrl: serverUrl(),
    channel,
    applicationName,
    logger,
    backoff: FAST,
    ...settings,
  });
  const payloads: string[] = [];
  let connections = 0;
  const started = {
    listener,
    channel,
    applicationName,
    payloads,
    lines,
    logged: (msg: string) => lines.filter((line) => line.msg === msg),
    connections: () => connections,
    start: () =>
      listener.start(
        (payload) => payloads.push(payload),
        () => connections++,
      ),
  };
  running.push(listener);
  return started;
}

const running: NotificationListener[] = [];
let admin: Client;

beforeAll(async () => {
  admin = new Client({ connectionString: serverUrl() });
  await admin.connect();
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((listener) => listener.stop()));
});

afterAll(async () => {
  await admin.end();
});

/** The backend pids LISTENing for a listener (by its application name). */
async function listeningPids(applicationName: string): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND query LIKE 'LISTEN%'`,
    [applicationName],
  );
  return rows.map((row) => row.pid);
}

const notify = (channel: string, payload: string) => admin.query('SELECT pg_notify($1, $2)', [channel, payload]);

describe(NotificationListener.name, () => {
  it('hands over each notification on its channel, payload and all, and none of another channel', async () => {
    const l = listenerOn();
    l.start();
    await vi.waitFor(() => expect(l.connections()).toBe(1));
    await notify(`${l.channel}_other`, 'not mine');
    await notify(l.channel, 'job 1');
    await notify(l.channel, '');
    await notify(l.channel, 'ジョブ 2');
    await vi.waitFor(() => expect(l.payloads).toHaveLength(3));
    expect(l.payloads).toEqual(['job 1', '', 'ジョブ 2']);
    expect(l.lines.filter((line) => line.level >= WARN)).toEqual([]);
  });

  it('reconnects after its connection is terminated, says so, and receives again', async () => {
    const l = listenerOn();
    l.start();
    await vi.waitFor(() => expect(l.connections()).toBe(1));
    const [before] = await listeningPids(l.applicationName);
    expect(before, 'listens on a connection of its own').toBeDefined();
    await admin.query('SELECT pg_terminate_backend($1)', [before]);

    await vi.waitFor(() => expect(l.connections()).toBe(2), { timeout: 10_000 });
    const after = await listeningPids(l.applicationName);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before);
    await notify(l.channel, 'after the reconnection');
    await vi.waitFor(() => expect(l.payloads).toEqual(['after the reconnection']));

    const [lost] = l.logged('notification connection lost; reconnecting');
    expect(lost).toMatchObject({ level: WARN, channel: l.channel, dependency: 'PostgreSQL' });
    expect(lost!.err?.message).toMatch(/terminating connection due to administrator command/);
    expect(l.logged('listening again; notifications sent meanwhile were lost')).toHaveLength(1);
  });

  it('retries while the database refuses connections and listens once it accepts them again', async () => {
    const database = `vs_spec_listener_${uniqueSuffix()}`;
    const url = withDatabase(serverUrl(), database);
    await ensureDatabase(url);
    try {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      const l = listenerOn({ databaseUrl: url });
      l.start();
      await vi.waitFor(() => expect(l.logged('notification connection failed; retrying').length).toBeGreaterThan(2), {
        timeout: 10_000,
      });
      expect(l.connections()).toBe(0);
      const [refused] = l.logged('notification connection failed; retrying');
      expect(refused).toMatchObject({ level: WARN, dependency: 'PostgreSQL' });
      expect(refused!.err?.message).toMatch(/not currently accepting connections/);

      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      await vi.waitFor(() => expect(l.connections()).toBe(1), { timeout: 10_000 });
      // pg_notify reaches the listeners of the database it runs in.
      const sender = new Client({ connectionString: url });
      await sender.connect();
      await sender.query('SELECT pg_notify($1, $2)', [l.channel, 'back']);
      await sender.end();
      await vi.waitFor(() => expect(l.payloads).toEqual(['back']));
      await l.listener.stop();
    } finally {
      await dropDatabase(url);
    }
  });

  it('stops for good on a permanent cause (a database that does not exist), logging it as an error', async () => {
    const l = listenerOn({ databaseUrl: withDatabase(serverUrl(), `vs_spec_missing_${uniqueSuffix()}`) });
    l.start();
    await vi.waitFor(() =>
      expect(l.logged('notification listener stopped: the cause is not transient')).toHaveLength(1),
    );
    const [stopped] = l.logged('notification listener stopped: the cause is not transient');
    expect(stopped).toMatchObject({ level: ERROR, channel: l.channel });
    expect(stopped!.err?.message).toMatch(/does not exist/);
    expect(l.logged('notification connection failed; retrying')).toEqual([]);
    expect(l.connections()).toBe(0);
  });

  it('stop() ends a wait between attempts at once', async () => {
    const l = listenerOn({
      databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/postgres`,
      backoff: { initialRetryTime: 60_000, maxRetryTime: 60_000 },
    });
    l.start();
    await vi.waitFor(() => expect(l.logged('notification connection failed; retrying')).toHaveLength(1));
    const stopping = Date.now();
    await l.listener.stop();
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(l.logged('notification connection failed; retrying')).toHaveLength(1);
  });
});
