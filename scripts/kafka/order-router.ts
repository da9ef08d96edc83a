import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

/** The router's own Maven project (router/pom.xml): a Kafka Streams application, built apart from the npm side. */
export const ROUTER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'router');
const JAR = join(ROUTER_DIR, 'target', 'kds-router.jar');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the router with Maven when its jar is missing or older than its sources (first run: fetches Kafka Streams from Maven Central). */
export function ensureRouterBuilt(log: (line: string) => void = (line) => console.error(line)): string {
  const sourcesAt = Math.max(newestSource(join(ROUTER_DIR, 'src')), statSync(join(ROUTER_DIR, 'pom.xml')).mtimeMs);
  if (existsSync(JAR) && statSync(JAR).mtimeMs >= sourcesAt && existsSync(join(ROUTER_DIR, 'target', 'lib'))) return JAR;
  log('Building the order router (router/, Kafka Streams) with Maven...');
  const built = spawnSync(
    'mvn',
    ['-B', '-q', '--no-transfer-progress', '-Dstyle.color=never', '-f', join(ROUTER_DIR, 'pom.xml'), 'package'],
    {
      encoding: 'utf8',
    },
  );
  if (built.error || built.status !== 0) {
    throw new Error(
      `Building the order router failed (mvn exit ${built.status ?? built.error?.message}); it needs a JDK 17 (javac) and Maven Central:\n${built.stdout}${built.stderr}`.trim(),
    );
  }
  return JAR;
}

/**
 * One instance of the order router, started like the local broker: it runs until stopped (or
 * killed — tests SIGKILL it mid-stream), its log in its state folder.
 */
export class OrderRouterProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly stateDir: string,
    private readonly exited: Promise<number | null>,
  ) {}

  /** Starts an instance for `env` and resolves once Kafka Streams says RUNNING (it has joined and owns tasks). */
  static async start(options: { bootstrap: string; env: string; stateDir?: string; timeoutMs?: number }): Promise<OrderRouterProcess> {
    ensureRouterBuilt();
    const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'kds-router-'));
    const classpath = `${JAR}:${join(ROUTER_DIR, 'target', 'lib', '*')}`;
    const child = spawn(
      'java',
      [
        '-Xmx256m',
        '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn',
        '-cp',
        classpath,
        'kds.router.OrderRouter',
        '--bootstrap',
        options.bootstrap,
        '--env',
        options.env,
        '--state-dir',
        stateDir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const log = createWriteStream(join(stateDir, 'router.log'));
    child.stderr?.pipe(log);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const running = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the order router did not start within ${options.timeoutMs ?? 60_000} ms (log: ${stateDir}/router.log)`)),
        options.timeoutMs ?? 60_000,
      );
      const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
      lines.on('line', (line) => {
        log.write(`${line}\n`);
        if (line === 'kds-router RUNNING') {
          clearTimeout(timer);
          resolve();
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the order router exited (code ${code}) before it ran (log: ${stateDir}/router.log)`));
      });
    });
    const router = new OrderRouterProcess(child, stateDir, exited);
    try {
      await running;
    } catch (error) {
      await router.kill();
      throw error;
    }
    return router;
  }

  /** SIGKILL: no clean close, its open transaction left for the broker to abort. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A clean close (Kafka Streams commits and leaves the group). */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
