import { useState } from 'react';
import type { ConnectionTest, Result } from '../../shared/app-api';
import {
  saslMechanisms,
  settingsFieldErrors,
  type FieldErrors,
  type SaveOutcome,
  type SettingsField,
  type TerminalSettings,
} from '../../shared/settings';
import { RegistrySettings } from './registry-settings';
import { Field } from './settings-field';
import { TopicPartitions } from './topic-partitions';
import { formatCookTimes, parseCookTimes, type CookTime } from '../../shared/kitchen-timing';

/** The settings operations of the app API, with the PIN already given. */
export interface SettingsActions {
  test(settings: TerminalSettings): Promise<Result<ConnectionTest>>;
  save(settings: TerminalSettings): Promise<Result<SaveOutcome>>;
}

const list = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);

/**
 * The terminal's settings as a form for IT staff at the screen: each field checked as they type
 * (the same schema the core checks again), a connection test with the settings not yet saved,
 * and the cluster it found offered for pinning.
 */
export function SettingsForm({
  initial,
  firstRun,
  hasPassword,
  hasRegistryPassword,
  secretStorage,
  actions,
  onSaved,
  onCancel,
}: {
  initial: TerminalSettings;
  firstRun: boolean;
  hasPassword: boolean;
  hasRegistryPassword: boolean;
  secretStorage: 'os-encrypted' | 'owner-only-file';
  actions: SettingsActions;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [touched, setTouched] = useState<Set<SettingsField>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<'testing' | 'saving' | null>(null);
  const [tested, setTested] = useState<Result<ConnectionTest> | null>(null);
  const errors: FieldErrors = { ...settingsFieldErrors(draft), ...serverErrors };
  const shownError = (field: SettingsField): string | undefined => (submitted || touched.has(field) ? errors[field] : undefined);

  const set = <K extends SettingsField>(field: K, value: TerminalSettings[K]): void => {
    setDraft((previous) => ({ ...previous, [field]: value }));
    setTouched((previous) => new Set(previous).add(field));
    setServerErrors(({ [field]: _dropped, form: _form, ...rest }) => rest);
  };
  /** A cook-time line that cannot be read: nothing is saved until it is mended. */
  const [cookTimesProblem, setCookTimesProblem] = useState<string | undefined>(undefined);
  const valid = Object.keys(settingsFieldErrors(draft)).length === 0 && (!draft.itemTiming || cookTimesProblem === undefined);

  const test = (): void => {
    setSubmitted(true);
    if (!valid) return;
    setBusy('testing');
    void actions.test(draft).then((result) => {
      setBusy(null);
      setTested(result);
    });
  };
  const save = (event: React.FormEvent): void => {
    event.preventDefault();
    setSubmitted(true);
    if (!valid) return;
    setBusy('saving');
    void actions.save(draft).then((result) => {
      setBusy(null);
      if (!result.ok) setServerErrors({ form: result.error });
      else if (result.value.saved) onSaved();
      else setServerErrors(result.value.fieldErrors as FieldErrors);
    });
  };

  const text = (field: SettingsField, label: string, options: { placeholder?: string; type?: string; hint?: string } = {}) => (
    <Field label={label} error={shownError(field)} hint={options.hint}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={shownError(field) !== undefined}
          type={options.type ?? 'text'}
          autoComplete="off"
          spellCheck={false}
          placeholder={options.placeholder}
          value={draft[field] as string}
          onChange={(event) => set(field, event.target.value as never)}
        />
      )}
    </Field>
  );
  const minutes = (field: 'warnMinutes' | 'lateMinutes' | 'courseMinutes', label: string) => (
    <Field label={label} error={shownError(field)}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={shownError(field) !== undefined}
          type="number"
          inputMode="decimal"
          min={1}
          value={Number.isNaN(draft[field]) ? '' : draft[field]}
          onChange={(event) => set(field, event.target.valueAsNumber)}
        />
      )}
    </Field>
  );

  return (
    <form className="settings-form" onSubmit={save} aria-label="Terminal settings" noValidate>
      <fieldset>
        <legend>This terminal</legend>
        {text('merchantId', 'Merchant ID', { hint: 'As the ordering platform names this restaurant' })}
        {text('terminalId', 'Terminal ID', { hint: 'Unique in this kitchen, e.g. grill-1' })}
        {text('env', 'Environment', { hint: 'prod, staging…: topics are named <environment>.orders' })}
      </fieldset>
      <fieldset>
        <legend>Kafka</legend>
        <ListField
          label="Brokers"
          initial={initial.brokers}
          error={shownError('brokers')}
          hint="host:port, separated by commas"
          placeholder="kafka-1.example.com:9093"
          onChange={(items) => set('brokers', items)}
        />
        <Check label="TLS" checked={draft.tls} onChange={(value) => set('tls', value)} />
        {draft.tls &&
          text('caFile', 'CA certificate file', { placeholder: 'the system’s', hint: 'Only for a private certificate authority' })}
        <Field label="Authentication (SASL)" error={shownError('saslMechanism')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.saslMechanism}
              onChange={(event) => set('saslMechanism', event.target.value as TerminalSettings['saslMechanism'])}
            >
              {saslMechanisms.map((mechanism) => (
                <option key={mechanism} value={mechanism}>
                  {mechanism === 'none' ? 'none' : mechanism.toUpperCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.saslMechanism !== 'none' && (
          <>
            {text('saslUsername', 'Username')}
            {text('saslPassword', 'Password', {
              type: 'password',
              placeholder: hasPassword ? '(set)' : '',
              hint:
                secretStorage === 'os-encrypted'
                  ? 'Kept encrypted by this computer’s key store'
                  : 'Kept in a file only this terminal’s user may read (no key store here)',
            })}
          </>
        )}
      </fieldset>
      <RegistrySettings draft={draft} set={set} shownError={shownError} hasPassword={hasRegistryPassword} secretStorage={secretStorage} />
      <fieldset>
        <legend>Kitchen</legend>
        <ListField
          label="Stations"
          initial={initial.stations}
          error={shownError('stations')}
          hint="e.g. grill, fry; empty: every station (expo)"
          onChange={(items) => set('stations', items)}
        />
        {minutes('warnMinutes', 'Warn after (minutes)')}
        {minutes('lateMinutes', 'Late after (minutes)')}
        <Check label="Chime on a new ticket" checked={draft.sound} onChange={(value) => set('sound', value)} />
      </fieldset>
      <fieldset>
        <legend>Timing</legend>
        <Check
          label="Synchronized item timing (items of a ticket finish together)"
          checked={draft.itemTiming}
          onChange={(value) => set('itemTiming', value)}
        />
        {draft.itemTiming && (
          <CookTimesField
            initial={initial.cookTimes}
            error={shownError('cookTimes')}
            onChange={(value) => set('cookTimes', value)}
            onProblem={setCookTimesProblem}
          />
        )}
        <Field label="Course pacing" error={shownError('coursePacing')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.coursePacing}
              onChange={(event) => set('coursePacing', event.target.value as TerminalSettings['coursePacing'])}
            >
              <option value="off">off: every course at once</option>
              <option value="after-bump">next course when the one before is bumped</option>
              <option value="after-minutes">next course some minutes after the one before</option>
            </select>
          )}
        </Field>
        {draft.coursePacing === 'after-minutes' && minutes('courseMinutes', 'Minutes between courses')}
      </fieldset>
      <fieldset>
        <legend>Safety</legend>
        {text('expectedClusterId', 'Pinned cluster', { hint: 'This terminal reads no other cluster; "Test connection" shows its id' })}
        {text('newPin', firstRun ? 'PIN for these settings' : 'New PIN', {
          type: 'password',
          hint: firstRun ? '4 to 12 digits (6 or more advised); also guards support actions' : 'Empty: keep the current PIN',
        })}
      </fieldset>
      {tested && !tested.ok && (
        <p className="settings-form__problem" role="alert">
          Cannot connect: {tested.error}
        </p>
      )}
      {tested?.ok && (
        <div className="settings-form__tested" role="status" aria-label="Connection test result">
          <p>
            Connected in {tested.value.roundTripMs} ms to cluster <code>{tested.value.clusterId}</code>.{' '}
            {draft.expectedClusterId === tested.value.clusterId ? (
              'It is the pinned cluster.'
            ) : (
              <button type="button" className="action" onClick={() => set('expectedClusterId', tested.value.clusterId)}>
                Pin this cluster
              </button>
            )}
          </p>
          <TopicPartitions topics={tested.value.topics} />
        </div>
      )}
      {errors.form && (
        <p className="settings-form__problem" role="alert">
          {errors.form}
        </p>
      )}
      {submitted && !valid && (
        <p className="settings-form__problem" role="alert">
          Some fields need attention.
        </p>
      )}
      <div className="settings-form__actions">
        <button type="button" className="action" onClick={test} disabled={busy !== null}>
          {busy === 'testing' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="action action--primary" disabled={busy !== null}>
          {busy === 'saving'
            ? firstRun
              ? 'Saving and starting…'
              : 'Saving and restarting…'
            : firstRun
              ? 'Save and start'
              : 'Save and restart'}
        </button>
        {onCancel && (
          <button type="button" className="action" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

/** A list typed as text (commas or spaces between items): the text stays as typed, the list goes to the form. */
function ListField({
  label,
  initial,
  error,
  hint,
  placeholder,
  onChange,
}: {
  label: string;
  initial: string[];
  error?: string;
  hint: string;
  placeholder?: string;
  onChange: (items: string[]) => void;
}) {
  const [text, setText] = useState(initial.join(', '));
  return (
    <Field label={label} error={error} hint={hint}>
      {(id, describedBy) => (
        <input
          id={id}
          aria-describedby={describedBy}
          aria-invalid={error !== undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={placeholder}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            onChange(list(event.target.value));
          }}
        />
      )}
    </Field>
  );
}

/** The cook-time table as "Item = m:ss" lines; a line that cannot be read is said at once and nothing is taken from it. */
function CookTimesField({
  initial,
  error,
  onChange,
  onProblem,
}: {
  initial: CookTime[];
  error?: string;
  onChange: (value: CookTime[]) => void;
  onProblem: (problem: string | undefined) => void;
}) {
  const [text, setText] = useState(formatCookTimes(initial));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  return (
    <Field
      label="Cook times"
      error={problem ?? error}
      hint='One item per line, e.g. "Cheeseburger = 7:00"; an order’s own cook times come first'
    >
      {(id, describedBy) => (
        <textarea
          id={id}
          aria-describedby={describedBy}
          aria-invalid={(problem ?? error) !== undefined}
          rows={5}
          spellCheck={false}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            const parsed = parseCookTimes(event.target.value);
            setProblem(parsed.ok ? undefined : parsed.error);
            onProblem(parsed.ok ? undefined : parsed.error);
            if (parsed.ok) onChange(parsed.value);
          }}
        />
      )}
    </Field>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="settings-check">
      <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} /> {label}
    </label>
  );
}
