import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKafkaJars, kafkaClasspath } from './kafka-jars';
import { makeListenerCertificates } from './listener-certificates';

/** The broker's second listener, as managed Kafka services offer it: SASL SCRAM-SHA-512 over TLS, with a CA made for the run. */
export interface SecureListener {
  bootstrap: string;
  /** PEM of the CA that signed the listener's certificate (clients must trust it). */
  caFile: string;
  mechanism: 'scram-sha-512';
  username: string;
  password: string;
}

export interface BrokerInfo {
  bootstrap: string;
  /** The SASL_SSL listener (single-node brokers; a cluster's nodes have none). */
  secure?: SecureListener;
  port: number;
  controllerPort: number;
  clusterId: string;
  dataDir: string;
  pid: number;
}

export const HOST = '127.0.0.1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('no port'));
      server.close(() => resolve(address.port));
    });
  });
}

/** Kafka cluster ids are 16 random bytes in URL-safe base64 without padding. */
/** A random cluster id; like Kafka's own, never starting with "-", which the storage tool's argument parser reads as an option. */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function serverProperties(port: number, controllerPort: number, securePort: number, keystoreFile: string, logDir: string): string {
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${HOST}:${controllerPort}`,
    `listeners=PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort},SASL_SSL://${HOST}:${securePort}`,
    `advertised.listeners=PLAINTEXT://${HOST}:${port},SASL_SSL://${HOST}:${securePort}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.sasl_ssl.ssl.keystore.type=PEM',
    `listener.name.sasl_ssl.ssl.keystore.location=${keystoreFile}`,
    `log.dirs=${logDir}`,
    'num.partitions=1',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=4',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    // Lets crash tests use short sessions so a SIGKILLed member leaves the group quickly.
    'group.min.session.timeout.ms=1000',
    'auto.create.topics.enable=true',
    // Large enough for the oversized-record tests (the consumer's own cap is 1 MiB by default).
    'message.max.bytes=8388608',
    // Tests create many short-lived topics; keep deletes quick.
    'delete.topic.enable=true',
    '',
  ].join('\n');
}

export const LOG4J2 = [
  'status = error',
  'appender.out.type = Console',
  'appender.out.name = OUT',
  'appender.out.layout.type = PatternLayout',
  'appender.out.layout.pattern = [%d] %p %m (%c)%n',
  'rootLogger.level = WARN',
  'rootLogger.appenderRef.out.ref = OUT',
  'logger.started.name = kafka.server.KafkaRaftServer',
  'logger.started.level = INFO',
  '',
].join('\n');

export function java(args: string[], configDir: string): string[] {
  return ['-Xms256m', '-Xmx768m', `-Dlog4j2.configurationFile=${join(configDir, 'log4j2.properties')}`, '-cp', kafkaClasspath(), ...args];
}

async function waitForPort(port: number, deadline: number, alive: () => boolean): Promise<void> {
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('the Kafka JVM exited during start-up');
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, HOST);
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Kafka did not accept connections on ${HOST}:${port} in time`);
}

/**
 * A single-node KRaft broker on loopback, for tests, benchmarks and the demo. Its JVM is
 * watched by a guard process that kills it when the owning Node process dies in any way
 * (SIGKILL included), so no broker outlives the run that started it.
 */
export class LocalBroker {
  private jvm: ChildProcess | undefined;
  private guard: ChildProcess | undefined;
  private constructor(
    private readonly info: Omit<BrokerInfo, 'pid'>,
    private readonly workDir: string,
    /** Extra JVM options (the scale run's JMX port). */
    private readonly jvmOptions: string[] = [],
  ) {}

  static async create(options: { port?: number; log?: (line: string) => void; jmxPort?: number } = {}): Promise<LocalBroker> {
    await ensureKafkaJars(options.log);
    const workDir = mkdtempSync(join(tmpdir(), 'kds-kafka-'));
    const port = options.port ?? (await freePort());
    const controllerPort = await freePort();
    const securePort = await freePort();
    const dataDir = join(workDir, 'data');
    const clusterId = newClusterId();
    const certificates = await makeListenerCertificates(workDir, HOST);
    const secure: SecureListener = {
      bootstrap: `${HOST}:${securePort}`,
      caFile: certificates.caFile,
      mechanism: 'scram-sha-512',
      username: 'kds',
      password: randomBytes(12).toString('hex'),
    };
    writeFileSync(
      join(workDir, 'server.properties'),
      serverProperties(port, controllerPort, securePort, certificates.keystoreFile, dataDir),
    );
    writeFileSync(join(workDir, 'log4j2.properties'), LOG4J2);
    const scramUser = `SCRAM-SHA-512=[name=${secure.username},password=${secure.password}]`;
    const format = spawnSync(
      'java',
      java(
        ['kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', join(workDir, 'server.properties'), '--add-scram', scramUser],
        workDir,
      ),
      { encoding: 'utf8' },
    );
    if (format.status !== 0) {
      rmSync(workDir, { recursive: true, force: true });
      throw new Error(`formatting KRaft storage failed: ${format.stderr || format.stdout}`);
    }
    // Kafka's own metrics over JMX, on loopback only, for the scale run to read (scripts/bench/java/BrokerMetrics.java).
    const jmx =
      options.jmxPort === undefined
        ? []
        : [
            `-Dcom.sun.management.jmxremote.port=${options.jmxPort}`,
            `-Dcom.sun.management.jmxremote.rmi.port=${options.jmxPort}`,
            '-Dcom.sun.management.jmxremote.authenticate=false',
            '-Dcom.sun.management.jmxremote.ssl=false',
            `-Dcom.sun.management.jmxremote.host=${HOST}`,
            `-Djava.rmi.server.hostname=${HOST}`,
          ];
    return new LocalBroker({ bootstrap: `${HOST}:${port}`, secure, port, controllerPort, clusterId, dataDir }, workDir, jmx);
  }

  get bootstrap(): string {
    return this.info.bootstrap;
  }
  get secure(): SecureListener {
    if (!this.info.secure) throw new Error('this broker has no SASL_SSL listener');
    return this.info.secure;
  }

  /** A node whose folder (server.properties, log4j2.properties, formatted storage) was prepared by local-cluster.ts. */
  static ofPreparedNode(workDir: string, info: Omit<BrokerInfo, 'pid' | 'secure'>): LocalBroker {
    return new LocalBroker(info, workDir);
  }
  get clusterId(): string {
    return this.info.clusterId;
  }
  get logFile(): string {
    return join(this.workDir, 'broker.log');
  }
  get running(): boolean {
    return this.jvm !== undefined && this.jvm.exitCode === null && this.jvm.signalCode === null;
  }

  describe(): BrokerInfo {
    return { ...this.info, pid: this.jvm?.pid ?? -1 };
  }

  /** Starts (or restarts, keeping its data) the broker and resolves once it accepts connections. */
  async start(timeoutMs = 60_000): Promise<void> {
    if (this.running) return;
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const jvm = spawn('java', [...this.jvmOptions, ...java(['kafka.Kafka', join(this.workDir, 'server.properties')], this.workDir)], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    jvm.stdout?.pipe(log);
    jvm.stderr?.pipe(log);
    this.jvm = jvm;
    const jvmPid = jvm.pid;
    if (jvmPid === undefined) throw new Error('could not start java');
    this.guard = spawn(
      'sh',
      [
        '-c',
        `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${jvmPid} 2>/dev/null; do sleep 1; done; kill -TERM ${jvmPid} 2>/dev/null; sleep 8; kill -KILL ${jvmPid} 2>/dev/null; exit 0`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    this.guard.unref();
    try {
      await waitForPort(this.info.port, Date.now() + timeoutMs, () => this.running);
    } catch (error) {
      const tail = existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').split('\n').slice(-20).join('\n') : '';
      await this.stop();
      throw new Error(`${(error as Error).message}\n--- broker log ---\n${tail}`, { cause: error });
    }
  }

  /** Graceful stop (SIGTERM), escalating to SIGKILL after the grace period. */
  async stop(graceMs = 15_000): Promise<void> {
    const jvm = this.jvm;
    this.jvm = undefined;
    this.guard?.kill('SIGKILL');
    this.guard = undefined;
    if (!jvm || jvm.exitCode !== null || jvm.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => jvm.once('exit', () => resolve()));
    jvm.kill('SIGCONT');
    jvm.kill('SIGTERM');
    const timer = setTimeout(() => jvm.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  /**
   * The broker frozen (SIGSTOP): connections stay open and nothing answers, as when a
   * restaurant's internet line goes down without a reset. `resume` (SIGCONT) thaws it.
   */
  pause(): void {
    this.jvm?.kill('SIGSTOP');
  }

  resume(): void {
    this.jvm?.kill('SIGCONT');
  }

  /** Hard kill, as a crashed machine would. */
  async kill(): Promise<void> {
    const jvm = this.jvm;
    if (!jvm || !this.running) return this.stop();
    const exited = new Promise<void>((resolve) => jvm.once('exit', () => resolve()));
    jvm.kill('SIGKILL');
    await exited;
    await this.stop();
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
