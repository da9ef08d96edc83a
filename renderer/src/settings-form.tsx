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
import { useTranslation } from 'react-i18next';
import { fieldErrorText } from './field-errors';
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
  const { t } = useTranslation();
  const errors: FieldErrors = { ...settingsFieldErrors(draft), ...serverErrors };
  const shownError = (field: SettingsField): string | undefined => {
    const error = submitted || touched.has(field) ? errors[field] : undefined;
    return error === undefined ? undefined : fieldErrorText(error, t);
  };

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
    <form className="settings-form" onSubmit={save} aria-label={t('settings.form')} noValidate>
      <fieldset>
        <legend>{t('settings.terminal')}</legend>
        {text('merchantId', t('settings.merchantId'), { hint: t('settings.merchantIdHint') })}
        {text('terminalId', t('settings.terminalId'), { hint: t('settings.terminalIdHint') })}
        {text('env', t('settings.env'), { hint: t('settings.envHint') })}
      </fieldset>
      <fieldset>
        <legend>{t('settings.kafka')}</legend>
        <ListField
          label={t('settings.brokers')}
          initial={initial.brokers}
          error={shownError('brokers')}
          hint={t('settings.brokersHint')}
          placeholder="kafka-1.example.com:9093"
          onChange={(items) => set('brokers', items)}
        />
        <Check label="TLS" checked={draft.tls} onChange={(value) => set('tls', value)} />
        {draft.tls && text('caFile', t('settings.caFile'), { placeholder: t('settings.caFileDefault'), hint: t('settings.caFileHint') })}
        <Field label={t('settings.sasl')} error={shownError('saslMechanism')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.saslMechanism}
              onChange={(event) => set('saslMechanism', event.target.value as TerminalSettings['saslMechanism'])}
            >
              {saslMechanisms.map((mechanism) => (
                <option key={mechanism} value={mechanism}>
                  {mechanism === 'none' ? t('settings.saslNone') : mechanism.toUpperCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        {draft.saslMechanism !== 'none' && (
          <>
            {text('saslUsername', t('settings.username'))}
            {text('saslPassword', t('settings.password'), {
              type: 'password',
              placeholder: hasPassword ? t('settings.passwordSet') : '',
              hint: secretStorage === 'os-encrypted' ? t('settings.keptEncrypted') : t('settings.keptInFile'),
            })}
          </>
        )}
      </fieldset>
      <RegistrySettings draft={draft} set={set} shownError={shownError} hasPassword={hasRegistryPassword} secretStorage={secretStorage} />
      <fieldset>
        <legend>{t('settings.kitchen')}</legend>
        <ListField
          label={t('settings.stations')}
          initial={initial.stations}
          error={shownError('stations')}
          hint={t('settings.stationsHint')}
          onChange={(items) => set('stations', items)}
        />
        {minutes('warnMinutes', t('settings.warnMinutes'))}
        {minutes('lateMinutes', t('settings.lateMinutes'))}
        <Check label={t('settings.sound')} checked={draft.sound} onChange={(value) => set('sound', value)} />
      </fieldset>
      <fieldset>
        <legend>{t('settings.timing')}</legend>
        <Check label={t('settings.itemTiming')} checked={draft.itemTiming} onChange={(value) => set('itemTiming', value)} />
        {draft.itemTiming && (
          <CookTimesField
            initial={initial.cookTimes}
            error={shownError('cookTimes')}
            onChange={(value) => set('cookTimes', value)}
            onProblem={setCookTimesProblem}
          />
        )}
        <Field label={t('settings.coursePacing')} error={shownError('coursePacing')}>
          {(id, describedBy) => (
            <select
              id={id}
              aria-describedby={describedBy}
              value={draft.coursePacing}
              onChange={(event) => set('coursePacing', event.target.value as TerminalSettings['coursePacing'])}
            >
              <option value="off">{t('settings.pacingOff')}</option>
              <option value="after-bump">{t('settings.pacingAfterBump')}</option>
              <option value="after-minutes">{t('settings.pacingAfterMinutes')}</option>
            </select>
          )}
        </Field>
        {draft.coursePacing === 'after-minutes' && minutes('courseMinutes', t('settings.courseMinutes'))}
      </fieldset>
      <fieldset>
        <legend>{t('settings.safety')}</legend>
        {text('expectedClusterId', t('settings.pinnedCluster'), { hint: t('settings.pinnedClusterHint') })}
        {text('newPin', firstRun ? t('settings.firstPin') : t('settings.newPin'), {
          type: 'password',
          hint: firstRun ? t('settings.firstPinHint') : t('settings.newPinHint'),
        })}
      </fieldset>
      {tested && !tested.ok && (
        <p className="settings-form__problem" role="alert">
          {t('diag.test.cannot', { error: tested.error })}
        </p>
      )}
      {tested?.ok && (
        <div className="settings-form__tested" role="status" aria-label={t('settings.testResult')}>
          <p>
            {t('diag.test.connected', { ms: tested.value.roundTripMs })} <code>{tested.value.clusterId}</code>{' '}
            {draft.expectedClusterId === tested.value.clusterId ? (
              t('diag.test.pinned')
            ) : (
              <button type="button" className="action" onClick={() => set('expectedClusterId', tested.value.clusterId)}>
                {t('settings.pinCluster')}
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
          {t('settings.needsAttention')}
        </p>
      )}
      <div className="settings-form__actions">
        <button type="button" className="action" onClick={test} disabled={busy !== null}>
          {busy === 'testing' ? t('diag.test.testing') : t('diag.test.run')}
        </button>
        <button type="submit" className="action action--primary" disabled={busy !== null}>
          {busy === 'saving'
            ? firstRun
              ? t('settings.savingStarting')
              : t('settings.savingRestarting')
            : firstRun
              ? t('settings.saveStart')
              : t('settings.saveRestart')}
        </button>
        {onCancel && (
          <button type="button" className="action" onClick={onCancel}>
            {t('sheet.cancel')}
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
  const { t } = useTranslation();
  return (
    <Field
      label={t('settings.cookTimes')}
      error={problem !== undefined ? fieldErrorText(problem, t) : error}
      hint={t('settings.cookTimesHint')}
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
