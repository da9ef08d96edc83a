import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalRunner } from '../../electron/core/app/terminal-runner';
import { createTerminalTopics } from '../../scripts/kafka/create-topics';
import type { SecretSealer } from '../../electron/core/config/secret-sealer';
import type { TicketDelta } from '../../shared/app-api';
import { blankSettings, type TerminalSettings } from '../../shared/settings';
import { freshEnv, waitFor } from '../support/core-harness';
import { testBootstrap, testKafka, testSecureListener } from '../support/kafka';
import { terminalFolder, type TerminalFolder } from '../support/terminal-folder';
import { grillAndFryOrder, produceOrders } from '../support/kitchen-fixtures';

const runners: TerminalRunner[] = [];
afterEach(async () => {
  await Promise.all(runners.splice(0).map((runner) => runner.stop()));
});

async function runnerIn({ configFile, newConfigDefaults }: TerminalFolder, sealer?: SecretSealer): Promise<TerminalRunner> {
  const runner = await TerminalRunner.start({
    configFile,
    newConfigDefaults,
    sealer,
    log: () => undefined,
    coalesceMs: 20,
  });
  runners.push(runner);
  return runner;
}

const newTerminal = (env: string, overrides: Partial<TerminalSettings> = {}): TerminalSettings => ({
  ...blankSettings,
  merchantId: 'm-1',
  terminalId: 'grill-1',
  env,
  brokers: [testBootstrap()],
  newPin: '4711',
  ...overrides,
});

const valueOf = <T>(result: { ok: true; value: T } | { ok: false; error: string }): T => {
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('a terminal set up from its screen', () => {
  it('waits in setup, tests the connection, saves, starts — and the screen that watched gets its tickets', async () => {
    const folder = terminalFolder('kds-setup');
    const { dir } = folder;
    const env = freshEnv();
    const settings = newTerminal(env);
    const runner = await runnerIn(folder);
    const deltas: TicketDelta[] = [];
    runner.api.on('delta', (delta) => deltas.push(delta));

    // First start: nothing runs, the screens are told to set the terminal up, no PIN asked yet.
    expect(runner.current).toBeUndefined();
    expect(await runner.api.snapshot(undefined)).toEqual({ ok: false, error: expect.stringContaining('complete the setup screen') });
    expect(valueOf(await runner.api.settings({}))).toMatchObject({ configured: false, locked: false, settings: null, problem: null });

    // Test connection before saving: the cluster answers; the topics are not there yet.
    const before = valueOf(await runner.api.testSettings({ settings }));
    expect(before.clusterId).not.toBe('');
    expect(before.topics.map((topic) => topic.partitions)).toEqual([null, null]);
    const unreachable = await runner.api.testSettings({ settings: { ...settings, brokers: ['127.0.0.1:1'] } });
    expect(unreachable.ok).toBe(false);

    // Saving checks what only the terminal can: a PIN chosen, a CA file it can read.
    expect(valueOf(await runner.api.saveSettings({ settings: { ...settings, newPin: '' } }))).toEqual({
      saved: false,
      fieldErrors: { newPin: 'choose a PIN: it protects these settings' },
    });
    expect(valueOf(await runner.api.saveSettings({ settings: { ...settings, tls: true, caFile: join(dir, 'missing.pem') } }))).toEqual({
      saved: false,
      fieldErrors: { caFile: 'this terminal cannot read that file' },
    });
    expect(runner.current).toBeUndefined();

    await createTerminalTopics(testKafka(), env, { orders: 1, kitchenEvents: 1 });
    expect(valueOf(await runner.api.saveSettings({ settings: { ...settings, expectedClusterId: before.clusterId } }))).toEqual({
      saved: true,
    });
    expect(runner.current?.config).toMatchObject({ merchantId: 'm-1', env, expectedClusterId: before.clusterId });
    const file = folder.configFile;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      env,
      diagnosticsPin: '4711',
      dataDir: folder.newConfigDefaults.dataDir,
    });

    // The screen that was open in setup asks for a snapshot (a gap in its sequence) and sees the order.
    expect(deltas[0]).toEqual({ seq: 2, upserts: [], removes: [] });
    await produceOrders(testKafka(), `${env}.orders`, [grillAndFryOrder('ord-set-1')]);
    await waitFor('the ticket pushed', () => deltas.some((delta) => delta.upserts.some((ticket) => ticket.orderId === 'ord-set-1')));
    const snapshot = valueOf(await runner.api.snapshot(undefined));
    expect(snapshot.tickets.map((ticket) => ticket.orderId)).toEqual(['ord-set-1']);
    expect(snapshot.seq).toBeGreaterThan(2);

    // Set up: the settings need the PIN now.
    expect(valueOf(await runner.api.settings({}))).toEqual({
      configured: true,
      problem: null,
      locked: true,
      settings: null,
      hasPassword: false,
      hasRegistryPassword: false,
      secretStorage: 'owner-only-file',
    });
    expect(await runner.api.settings({ pin: '0000' })).toEqual({ ok: false, error: 'wrong PIN' });
    expect(await runner.api.saveSettings({ settings, pin: '0000' })).toEqual({ ok: false, error: 'wrong PIN' });
    expect(valueOf(await runner.api.settings({ pin: '4711' })).settings).toEqual({
      ...settings,
      newPin: '',
      expectedClusterId: before.clusterId,
    });
  });

  it('a change of stations restarts the core: tickets kept, the sequence still rising, the screen told to refresh', async () => {
    const env = freshEnv();
    const settings = newTerminal(env);
    const folder = terminalFolder('kds-settings', { env, merchantId: 'm-1', terminalId: 'grill-1', kafka: { brokers: [testBootstrap()] } });
    await createTerminalTopics(testKafka(), env, { orders: 1, kitchenEvents: 1 });
    const runner = await runnerIn(folder);
    expect(runner.current).toBeDefined();
    await produceOrders(testKafka(), `${env}.orders`, [grillAndFryOrder('ord-st-1')]);
    await waitFor('the order stored', () => runner.current?.status().counters['records.applied'] === 1);
    const first = valueOf(await runner.api.snapshot(undefined));
    const deltas: TicketDelta[] = [];
    runner.api.on('delta', (delta) => deltas.push(delta));
    const access = runner.access;

    expect(
      valueOf(await runner.api.saveSettings({ settings: { ...settings, newPin: '', stations: ['grill'], warnMinutes: 3 }, pin: '4711' })),
    ).toEqual({ saved: true });
    const after = valueOf(await runner.api.snapshot(undefined));
    expect(after.screen).toMatchObject({ stations: ['grill'], warnMinutes: 3 });
    expect(after.tickets.map((ticket) => ticket.orderId)).toEqual(['ord-st-1']);
    expect(after.seq).toBeGreaterThan(first.seq + 1);
    expect(deltas[0]?.seq).toBeGreaterThan(first.seq + 1);
    // Paired screens stay paired: screen access outlives the core's restart.
    expect(runner.access).toBe(access);
    expect(JSON.parse(readFileSync(folder.configFile, 'utf8'))).toMatchObject({ dataDir: 'data', diagnosticsPin: '4711' });
  });

  it('a configuration it cannot read leaves the terminal in setup, naming the problem; the PIN in it still guards', async () => {
    const runner = await runnerIn(terminalFolder('kds-broken', { env: 'prod', merchantId: 'm-1' }));
    expect(runner.notRunning).toMatch(/^invalid configuration: .*terminalId/);
    expect(valueOf(await runner.api.settings({}))).toMatchObject({
      configured: false,
      locked: true,
      problem: expect.stringMatching(/terminalId/),
    });
    expect(valueOf(await runner.api.settings({ pin: '4711' }))).toMatchObject({ locked: false });
  });

  it('a password typed on the settings screen is sealed by the key store and the terminal connects with it (SASL over TLS)', async () => {
    const secure = testSecureListener();
    const folder = terminalFolder('kds-sealed');
    const sealed: string[] = [];
    const sealer: SecretSealer = {
      seal: async (secret) => {
        const value = Buffer.from(secret).toString('hex');
        sealed.push(value);
        return Buffer.from(value).toString('base64');
      },
      open: async (value) => Buffer.from(Buffer.from(value, 'base64').toString(), 'hex').toString(),
    };
    const env = freshEnv();
    await createTerminalTopics(testKafka(), env, { orders: 1, kitchenEvents: 1 });
    const runner = await runnerIn(folder, sealer);
    const settings = newTerminal(env, {
      brokers: [secure.bootstrap],
      tls: true,
      caFile: secure.caFile,
      saslMechanism: 'scram-sha-512',
      saslUsername: secure.username,
    });
    expect(valueOf(await runner.api.saveSettings({ settings }))).toEqual({
      saved: false,
      fieldErrors: { saslPassword: 'required with SASL' },
    });
    const wrong = await runner.api.testSettings({ settings: { ...settings, saslPassword: 'not-it' } });
    expect(wrong).toEqual({ ok: false, error: expect.stringContaining("refused this terminal's credentials") });
    expect(valueOf(await runner.api.testSettings({ settings: { ...settings, saslPassword: secure.password } })).topics).toHaveLength(2);
    expect(valueOf(await runner.api.saveSettings({ settings: { ...settings, saslPassword: secure.password } }))).toEqual({ saved: true });
    const text = readFileSync(folder.configFile, 'utf8');
    expect(text).not.toContain(secure.password);
    expect(sealed).toHaveLength(1);

    await produceOrders(testKafka(), `${env}.orders`, [grillAndFryOrder('ord-sealed')]);
    await waitFor('the order through SASL', () => runner.current?.status().counters['records.applied'] === 1);
    const view = valueOf(await runner.api.settings({ pin: '4711' }));
    expect(view).toMatchObject({ hasPassword: true, secretStorage: 'os-encrypted', settings: { saslPassword: '' } });
    expect(JSON.stringify(view)).not.toContain(secure.password);
  });
});
