import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kafkaCacheDir } from './kafka-jars';
import { freePort, HOST } from './local-broker';

/**
 * Apicurio Registry (Apache 2.0), the ready-built Quarkus application Maven Central serves as
 * `io.apicurio:apicurio-registry-app:<version>:tar.gz:all`. Its Confluent-compatible API
 * (`/apis/ccompat/v7`) serves the same clients as Confluent's Schema Registry.
 */
export const REGISTRY_VERSION = '3.3.3';
const ARTIFACT = `io.apicurio:apicurio-registry-app:${REGISTRY_VERSION}:tar.gz:all`;
/** Class files of version 65: Java 21 or newer. */
const REGISTRY_JAVA_MAJOR = 21;
/** The Confluent-compatible API under the registry's base URL. */
export const CCOMPAT_PATH = '/apis/ccompat/v7';

export function registryCacheDir(): string {
  // Beside the Kafka jars, in the same cache (outside the repository).
  return join(kafkaCacheDir(), '..', `apicurio-registry-${REGISTRY_VERSION}`);
}

function javaMajor(javaBin: string): number {
  const probe = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return 0;
  const match = /version "(\d+)/.exec(probe.stderr);
  return match ? Number(match[1]) : 0;
}

/**
 * A Java 21+ for the registry: KDS_REGISTRY_JAVA_HOME, JAVA_HOME, the `java` on PATH, then the
 * JDKs installed under /usr/lib/jvm (the broker keeps the default Java 17).
 */
export function registryJava(): string {
  const candidates: string[] = [];
  for (const home of [process.env.KDS_REGISTRY_JAVA_HOME, process.env.JAVA_HOME]) {
    if (home) candidates.push(join(home, 'bin', 'java'));
  }
  candidates.push('java');
  const jvmDir = '/usr/lib/jvm';
  if (existsSync(jvmDir)) {
    const homes = readdirSync(jvmDir)
      .map((name) => join(jvmDir, name, 'bin', 'java'))
      .filter((bin) => existsSync(bin));
    candidates.push(...homes);
  }
  let best: { bin: string; major: number } | undefined;
  for (const bin of candidates) {
    const major = javaMajor(bin);
    if (major >= REGISTRY_JAVA_MAJOR && (!best || major > best.major)) best = { bin, major };
  }
  if (!best) {
    throw new Error(
      `The schema registry (Apicurio Registry ${REGISTRY_VERSION}) needs Java ${REGISTRY_JAVA_MAJOR} or newer, and none was found ` +
        `(JAVA_HOME, PATH, /usr/lib/jvm). Install one (Debian: apt-get install openjdk-21-jre-headless) or set KDS_REGISTRY_JAVA_HOME.`,
    );
  }
  return best.bin;
}

/** Fetches and unpacks the registry from Maven Central once; later calls return at once. */
export async function ensureRegistryApp(log: (line: string) => void = (line) => console.error(line)): Promise<string> {
  const dir = registryCacheDir();
  const app = join(dir, 'app');
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return app;
  registryJava();
  if (spawnSync('mvn', ['-v'], { encoding: 'utf8' }).error) {
    throw new Error('Maven (mvn) is needed once to fetch the schema registry from Maven Central (Debian: apt-get install maven).');
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(app, { recursive: true });
  log(`Fetching Apicurio Registry ${REGISTRY_VERSION} (about 150 MB) from Maven Central into ${dir} (first run only)...`);
  const fetched = spawnSync(
    'mvn',
    ['-B', '--no-transfer-progress', '-Dstyle.color=never', 'dependency:copy', `-Dartifact=${ARTIFACT}`, `-DoutputDirectory=${dir}`],
    { encoding: 'utf8', cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
  const archive = join(dir, `apicurio-registry-app-${REGISTRY_VERSION}-all.tar.gz`);
  if (fetched.status !== 0 || !existsSync(archive)) {
    const errors = `${fetched.stdout}${fetched.stderr}`.split('\n').filter((line) => /ERROR/.test(line));
    throw new Error(`Fetching the schema registry failed (mvn exit ${fetched.status}); is Maven Central reachable?\n${errors.join('\n')}`);
  }
  const unpacked = spawnSync('tar', ['-xzf', archive, '-C', app], { encoding: 'utf8' });
  if (unpacked.status !== 0 || !existsSync(join(app, 'quarkus-run.jar'))) {
    throw new Error(`Unpacking ${archive} failed: ${unpacked.stderr}`);
  }
  rmSync(archive, { force: true });
  writeFileSync(marker, `${ARTIFACT}\n`);
  log(`Apicurio Registry ${REGISTRY_VERSION} ready.`);
  return app;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * A schema registry on loopback for tests, benchmarks and the demo: in-memory storage (each
 * start is empty), watched like the broker by a guard process that stops it when its owner dies.
 */
export class LocalRegistry {
  private jvm: ChildProcess | undefined;
  private guard: ChildProcess | undefined;
  /** Milliseconds the last start took until the API answered. */
  startMs = 0;

  private constructor(
    private readonly workDir: string,
    private readonly app: string,
    private readonly java: string,
    readonly port: number,
    private readonly managementPort: number,
    private readonly keepData: boolean,
  ) {}

  /**
   * `keepData`: H2 in a file of the registry's folder instead of in memory, so a stop and a start
   * keep the schemas and their ids (a registry that was away, not one that was reset).
   */
  static async create(options: { port?: number; keepData?: boolean; log?: (line: string) => void } = {}): Promise<LocalRegistry> {
    const app = await ensureRegistryApp(options.log);
    const java = registryJava();
    const workDir = mkdtempSync(join(tmpdir(), 'kds-registry-'));
    return new LocalRegistry(workDir, app, java, options.port ?? (await freePort()), await freePort(), options.keepData === true);
  }

  /** The registry's base URL (the Confluent-compatible API is under CCOMPAT_PATH). */
  get url(): string {
    return `http://${HOST}:${this.port}`;
  }

  /** What a Confluent client (and the terminal's `schemaRegistry.url`) is given. */
  get ccompatUrl(): string {
    return `${this.url}${CCOMPAT_PATH}`;
  }

  get logFile(): string {
    return join(this.workDir, 'registry.log');
  }

  get running(): boolean {
    return this.jvm !== undefined && this.jvm.exitCode === null && this.jvm.signalCode === null;
  }

  get pid(): number {
    return this.jvm?.pid ?? -1;
  }

  /** Starts the registry (empty unless it keeps its data) and resolves once its API answers. */
  async start(timeoutMs = 90_000): Promise<void> {
    if (this.running) return;
    const began = Date.now();
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const jvm = spawn(
      this.java,
      [
        '-Xms64m',
        '-Xmx512m',
        `-Dquarkus.http.host=${HOST}`,
        `-Dquarkus.http.port=${this.port}`,
        // The management interface's default port (9000) would collide with other services.
        `-Dquarkus.management.host=${HOST}`,
        `-Dquarkus.management.port=${this.managementPort}`,
        '-Dapicurio.storage.kind=sql',
        '-Dapicurio.storage.sql.kind=h2',
        ...(this.keepData ? [`-Dapicurio.datasource.url=jdbc:h2:file:${join(this.workDir, 'h2', 'registry')}`] : []),
        '-Dquarkus.log.level=WARN',
        '-Dquarkus.log.category."io.quarkus".level=INFO',
        '-Dquarkus.analytics.disabled=true',
        '-jar',
        join(this.app, 'quarkus-run.jar'),
      ],
      { cwd: this.workDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    jvm.stdout?.pipe(log);
    jvm.stderr?.pipe(log);
    this.jvm = jvm;
    const jvmPid = jvm.pid;
    if (jvmPid === undefined) throw new Error('could not start java for the schema registry');
    this.guard = spawn(
      'sh',
      [
        '-c',
        `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${jvmPid} 2>/dev/null; do sleep 1; done; kill -TERM ${jvmPid} 2>/dev/null; sleep 8; kill -KILL ${jvmPid} 2>/dev/null; exit 0`,
      ],
      { detached: true, stdio: 'ignore' },
    );
    this.guard.unref();
    const deadline = Date.now() + timeoutMs;
    while (!(await answers(`${this.ccompatUrl}/subjects`))) {
      if (!this.running || Date.now() > deadline) {
        const tail = existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
        await this.stop();
        throw new Error(`the schema registry did not answer on ${this.url} in time\n--- registry log ---\n${tail}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    this.startMs = Date.now() - began;
  }

  /** Graceful stop (SIGTERM), escalating to SIGKILL after the grace period. */
  async stop(graceMs = 10_000): Promise<void> {
    const jvm = this.jvm;
    this.jvm = undefined;
    this.guard?.kill('SIGKILL');
    this.guard = undefined;
    if (!jvm || jvm.exitCode !== null || jvm.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => jvm.once('exit', () => resolve()));
    jvm.kill('SIGTERM');
    const timer = setTimeout(() => jvm.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
