import { z } from 'zod';
import { brokerAddressSchema, idSchema, pinSchema, stationNameSchema } from './config';
import { COURSE_PACING, cookTimeSchema, DEFAULT_KITCHEN_TIMING } from './kitchen-timing';

/**
 * What the setup and settings screens edit: the part of a terminal's configuration a kitchen's
 * IT staff set at the screen. One schema, used by the screen for field-level errors as they type
 * and by the core before anything is written. Secrets are write-only: the screen never receives
 * the Kafka password, the schema registry's password or the PIN, only whether they are set.
 */
export const saslMechanisms = ['none', 'plain', 'scram-sha-256', 'scram-sha-512'] as const;
export const kitchenEventFormats = ['json', 'avro'] as const;

/** The registry's base URL as config.ts takes it: http(s), a host, no credentials in it. */
function registryUrlProblem(url: string): string | undefined {
  if (!/^https?:\/\/[^\s/?#]+/i.test(url) || !URL.canParse(url)) return 'the registry URL must be http(s)://host[:port][/path]';
  if (/^[a-z]+:\/\/[^/]*@/i.test(url)) return 'credentials go in Username and Password, not in the URL';
  return undefined;
}

export const terminalSettingsSchema = z
  .object({
    merchantId: idSchema,
    terminalId: idSchema,
    env: idSchema,
    brokers: z.array(brokerAddressSchema).min(1, 'give at least one broker (host:port)').max(20),
    tls: z.boolean(),
    /** PEM file of the certificate authorities that signed the brokers' certificates (a private CA); empty: the system's. */
    caFile: z.string().max(4096),
    saslMechanism: z.enum(saslMechanisms),
    saslUsername: z.string().max(256),
    /** Empty: keep the stored password. */
    saslPassword: z.string().max(1024),
    stations: z.array(stationNameSchema).max(50),
    warnMinutes: z.number().min(1, 'at least 1').max(120, 'at most 120'),
    lateMinutes: z.number().min(1, 'at least 1').max(180, 'at most 180'),
    sound: z.boolean(),
    /** Items of a ticket start so that they finish together (cook times from the events, else `cookTimes`). */
    itemTiming: z.boolean(),
    cookTimes: z.array(cookTimeSchema).max(1000),
    coursePacing: z.enum(COURSE_PACING),
    courseMinutes: z.number().int('whole minutes').min(1, 'at least 1').max(180, 'at most 180'),
    /** The cluster this terminal may read (its id, as "Test connection" shows it); empty: not pinned. */
    /** The schema registry Avro records are read (and Avro kitchen events written) through; empty: none, JSON only. */
    registryUrl: z.string().trim().max(2048),
    /** Basic auth at the registry; empty: none. */
    registryUsername: z.string().max(256),
    /** Empty: keep the stored registry password. */
    registryPassword: z.string().max(1024),
    kitchenEventFormat: z.enum(kitchenEventFormats),
    expectedClusterId: z
      .string()
      .max(128)
      .regex(/^[A-Za-z0-9_-]*$/, 'a cluster id as "Test connection" shows it'),
    /** A new PIN for settings and support actions; empty: keep the current one. */
    newPin: z.union([z.literal(''), pinSchema]),
  })
  .strict()
  .superRefine((settings, context) => {
    const problem = (path: keyof TerminalSettingsShape, message: string) => context.addIssue({ code: 'custom', path: [path], message });
    if (settings.lateMinutes <= settings.warnMinutes) problem('lateMinutes', 'must be more than the warning time');
    const names = settings.cookTimes.map((entry) => entry.name.trim().toLocaleLowerCase('en'));
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice !== undefined) problem('cookTimes', `"${twice}" is listed twice`);
    if (settings.caFile !== '' && !settings.tls) problem('caFile', 'a CA file needs TLS switched on');
    if (settings.saslMechanism !== 'none' && settings.saslUsername.trim() === '') problem('saslUsername', 'required with SASL');
    if (settings.saslMechanism === 'plain' && !settings.tls) problem('saslMechanism', 'PLAIN sends the password in clear: switch TLS on');
    const urlProblem = settings.registryUrl === '' ? undefined : registryUrlProblem(settings.registryUrl);
    if (urlProblem) problem('registryUrl', urlProblem);
    // Without a URL there is no registry: its username and password are not kept (nor checked).
    if (settings.registryUrl !== '' && settings.registryPassword !== '' && settings.registryUsername.trim() === '') {
      problem('registryPassword', 'a password needs a username');
    }
    if (settings.kitchenEventFormat === 'avro' && settings.registryUrl === '') {
      problem('kitchenEventFormat', 'Avro kitchen events need a schema registry');
    }
  });

type TerminalSettingsShape = z.input<typeof terminalSettingsSchema>;
export type TerminalSettings = z.output<typeof terminalSettingsSchema>;
export type SettingsField = keyof TerminalSettings;

/** Field → what is wrong with it, in words (the first problem of each field). */
export type FieldErrors = Partial<Record<SettingsField | 'form', string>>;

export function settingsFieldErrors(candidate: unknown): FieldErrors {
  const parsed = terminalSettingsSchema.safeParse(candidate);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = (typeof issue.path[0] === 'string' ? issue.path[0] : 'form') as SettingsField | 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** What the settings screen receives: the settings without secrets, and how they are kept. */
export const settingsViewSchema = z.object({
  /** False on a terminal's first start, or when its configuration cannot be read (then `problem` says why). */
  configured: z.boolean(),
  /** Why the terminal is not running (a configuration it cannot read, a start that failed); null when it runs. */
  problem: z.string().nullable(),
  /** A PIN protects these settings: nothing below is given without it. */
  locked: z.boolean(),
  settings: terminalSettingsSchema.nullable(),
  hasPassword: z.boolean(),
  /** The schema registry's password is set (never given itself). */
  hasRegistryPassword: z.boolean(),
  /** How a password typed here (Kafka's, the registry's) is kept: encrypted by the OS's key store, or in a file only this user may read. */
  secretStorage: z.enum(['os-encrypted', 'owner-only-file']),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const saveOutcomeSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true) }),
  z.object({ saved: z.literal(false), fieldErrors: z.record(z.string(), z.string()) }),
]);
export type SaveOutcome = z.infer<typeof saveOutcomeSchema>;

/** A new terminal's form: the sane defaults, the identities left for the installer to fill. */
export const blankSettings: TerminalSettings = {
  merchantId: '',
  terminalId: '',
  env: 'prod',
  brokers: [],
  tls: false,
  caFile: '',
  saslMechanism: 'none',
  saslUsername: '',
  saslPassword: '',
  stations: [],
  warnMinutes: 5,
  lateMinutes: 8,
  sound: true,
  itemTiming: DEFAULT_KITCHEN_TIMING.itemTiming,
  cookTimes: DEFAULT_KITCHEN_TIMING.cookTimes,
  coursePacing: DEFAULT_KITCHEN_TIMING.coursePacing,
  courseMinutes: DEFAULT_KITCHEN_TIMING.courseMinutes,
  registryUrl: '',
  registryUsername: '',
  registryPassword: '',
  kitchenEventFormat: 'json',
  expectedClusterId: '',
  newPin: '',
};
