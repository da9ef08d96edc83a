import { describe, expect, it } from 'vitest';
import { blankSettings, settingsFieldErrors, type TerminalSettings } from '../../shared/settings';
import { parseCookTimes } from '../../shared/kitchen-timing';
import { fieldErrorText } from './field-errors';
import { startI18n } from './i18n';

const valid: TerminalSettings = { ...blankSettings, merchantId: 'm-1', terminalId: 'grill-1', brokers: ['kafka:9092'], newPin: '4711' };

/** One wrong settings form per problem the schema can find. */
const WRONG: Partial<TerminalSettings>[] = [
  { merchantId: '' },
  { merchantId: 'a b' },
  { terminalId: 'x'.repeat(200) },
  { brokers: [] },
  { brokers: ['no-port'] },
  { warnMinutes: 0 },
  { warnMinutes: 500 },
  { courseMinutes: 1.5 },
  { warnMinutes: 10, lateMinutes: 5 },
  {
    cookTimes: [
      { name: 'Fries', seconds: 180 },
      { name: 'fries', seconds: 200 },
    ],
  },
  { caFile: '/ca.pem', tls: false },
  { saslMechanism: 'scram-sha-256', saslUsername: '' },
  { saslMechanism: 'plain', saslUsername: 'u', tls: false },
  { registryUrl: 'ftp://registry' },
  { registryUrl: 'https://user:pw@registry.example.com' },
  { registryUrl: 'https://registry.example.com', registryPassword: 'pw', registryUsername: '' },
  { kitchenEventFormat: 'avro', registryUrl: '' },
  { expectedClusterId: 'not a cluster id' },
  { newPin: '12' },
];

describe("a settings field's problem in the screen's language", () => {
  const es = startI18n('es').t;

  it.each(WRONG)('every problem the settings schema finds has words in the catalogs: %o', (wrong) => {
    const errors = Object.values(settingsFieldErrors({ ...valid, ...wrong }));
    expect(errors.length).toBeGreaterThan(0);
    for (const english of errors) {
      const spanish = fieldErrorText(english, es);
      expect(spanish, english).not.toBe(english);
      expect(spanish).not.toContain('{{');
    }
  });

  it("carries the English message's number or name, and the core's PIN demand and cook-time lines too", () => {
    expect(fieldErrorText('at most 120', es)).toBe('como máximo 120');
    expect(fieldErrorText('"fries" is listed twice', es)).toBe('"fries" aparece dos veces');
    expect(fieldErrorText('choose a PIN: it protects these settings', es)).toBe('elija un PIN: protege estos ajustes');
    const line = parseCookTimes('Fries = 3:00\nnonsense');
    expect(line.ok).toBe(false);
    if (!line.ok) expect(fieldErrorText(line.error, es)).toBe('línea 2: escriba "Nombre del plato = m:ss" (o segundos)');
  });

  it('shows a message no catalog knows (a newer core) as it came, never hides it', () => {
    expect(fieldErrorText('something new is wrong', es)).toBe('something new is wrong');
    startI18n('en');
  });
});
