import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from '@vs/testing';

const root = join(__dirname, '../..');

/**
 * A single-node KRaft broker of the test's own, on free ports with a data dir under a temp folder, built the
 * way `scripts/infra.sh` builds the shared one, so a test can SIGKILL it and bring it back on the same ports
 * and data without touching anyone else's broker.
 */
export class ScratchBroker {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  starts = 0;

  private constructor(
    readonly port: number,
    readonly controllerPort: number,
    readonly home: string,
    private readonly classpath: string,
    /** When set, clients must authenticate with SASL/PLAIN as one of these users (name to password). */
    readonly saslPlainUsers?: Readonly<Record<string, string>>,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  get logFile(): string {
    return join(this.home, 'kafka.log');
  }

  /** Installs Kafka's jars if they are missing, writes the config and formats the storage. */
  static async create(options: { saslPlainUsers?: Record<string, string> } = {}): Promise<ScratchBroker> {
    const installed = execFileSync('bash', [join(root, 'scripts/infra.sh'), 'install'], {
      cwd: root,
      encoding: 'utf8',
    });
    const kafkaHome = /jars in (.+)\/libs\s*$/m.exec(installed)?.[1];
    if (!kafkaHome) throw new Error(`scripts/infra.sh install did not say where Kafka is: ${installed}`);
    const port = await freePort();
    // The OS may hand the same free port out twice in a row; the broker needs two distinct ones.
    let controllerPort = await freePort();
    while (controllerPort === port) controllerPort = await freePort();
    const broker = new ScratchBroker(
      port,
      controllerPort,
      mkdtempSync(join(tmpdir(), 'vs-scratch-kafka-')),
      `${kafkaHome}/libs/*`,
      options.saslPlainUsers,
    );
    broker.format();
    return broker;
  }

  private format(): void {
    const data = join(this.home, 'data');
    mkdirSync(data);
    // Same properties as scripts/infra.sh write_kafka_config, on this broker's ports, with fewer internal partitions.
    writeFileSync(
      join(this.home, 'kafka.properties'),
      [
        'process.roles=broker,controller',
        'node.id=1',
        `controller.quorum.voters=1@127.0.0.1:${this.controllerPort}`,
        `listeners=${this.listener}://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}`,
        `advertised.listeners=${this.listener}://127.0.0.1:${this.port}`,
        'controller.listener.names=CONTROLLER',
        `listener.security.protocol.map=${this.listener}:${this.listener},CONTROLLER:PLAINTEXT`,
        `inter.broker.listener.name=${this.listener}`,
        ...this.saslProperties(),
        `log.dirs=${data}`,
        'num.partitions=3',
        'auto.create.topics.enable=false',
        'offsets.topic.replication.factor=1',
        'offsets.topic.num.partitions=3',
        'transaction.state.log.replication.factor=1',
        'transaction.state.log.min.isr=1',
        'transaction.state.log.num.partitions=3',
        'group.initial.rebalance.delay.ms=0',
        '',
      ].join('\n'),
    );
    // A KRaft cluster id is 16 random bytes in unpadded base64url, what `StorageTool random-uuid` prints; like
    // Kafka's own Uuid.randomUuid, never one starting with '-', which the command line would take for an option.
    let clusterId = randomBytes(16).toString('base64url');
    while (clusterId.startsWith('-')) clusterId = randomBytes(16).toString('base64url');
    execFileSync(
      'java',
      [
        '-Xmx256m',
        '-cp',
        this.classpath,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        join(this.home, 'kafka.properties'),
      ],
      { cwd: this.home, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  }

  private get listener(): 'PLAINTEXT' | 'SASL_PLAINTEXT' {
    return this.saslPlainUsers ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
  }

  private saslProperties(): string[] {
    if (!this.saslPlainUsers) return [];
    const users = Object.entries(this.saslPlainUsers);
    const [broker, brokerPassword] = users[0]!;
    const accounts = users.map(([name, password]) => `user_${name}="${password}"`).join(' ');
    return [
      'sasl.enabled.mechanisms=PLAIN',
      'sasl.mechanism.inter.broker.protocol=PLAIN',
      `listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="${broker}" password="${brokerPassword}" ${accounts};`,
    ];
  }

  /** Starts the broker (in a process group of its own) and waits until it answers a metadata request. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.running) throw new Error('scratch broker already running');
    this.starts++;
    const log = openSync(this.logFile, 'a');
    const child = spawn(
      'java',
      [
        '-Xms128m',
        '-Xmx384m',
        '-XX:+UseG1GC',
        `-Dlog4j2.configurationFile=${join(root, 'infra/kafka-log4j2.properties')}`,
        '-cp',
        this.classpath,
        'kafka.Kafka',
        join(this.home, 'kafka.properties'),
      ],
      { cwd: this.home, detached: true, stdio: ['ignore', log, log] },
    );
    closeSync(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const deadline = Date.now() + timeoutMs;
    while (!(await this.answers())) {
      if (!this.running) throw new Error(`scratch broker exited during start; log tail:\n${this.logTail()}`);
      if (Date.now() > deadline)
        throw new Error(`scratch broker did not answer in ${timeoutMs} ms; log tail:\n${this.logTail()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Kills the whole process group and waits for it to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child?.pid || !this.running) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
    await this.exited;
  }

  /** For afterAll: kill whatever is left and remove the data. */
  async destroy(): Promise<void> {
    await this.kill('SIGKILL');
    rmSync(this.home, { recursive: true, force: true });
  }

  async answers(): Promise<boolean> {
    const kafka = new Kafka({
      clientId: 'scratch-broker-probe',
      brokers: [this.brokers],
      connectionTimeout: 1000,
      requestTimeout: 2000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
      ...(this.saslPlainUsers ? { sasl: this.firstUser() } : {}),
    });
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      return cluster.brokers.length > 0;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  /** The first configured user's credentials, as kafkajs takes them. */
  firstUser(): { mechanism: 'plain'; username: string; password: string } {
    const [username, password] = Object.entries(this.saslPlainUsers ?? {})[0] ?? [];
    if (username === undefined || password === undefined) throw new Error('scratch broker has no SASL users');
    return { mechanism: 'plain', username, password };
  }

  logTail(lines = 20): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  }
}
