import { useState } from 'react';
import type { ConnectionTest, Result } from '../../shared/app-api';
import { blankSettings, type SaveOutcome, type SettingsView, type TerminalSettings } from '../../shared/settings';
import { useTranslation } from 'react-i18next';
import { PinField } from './pin-field';
import { SettingsForm } from './settings-form';

/** The settings operations of the app API as the screens call them (a PIN where one is set). */
export interface SettingsApi {
  view(pin?: string): Promise<Result<SettingsView>>;
  test(settings: TerminalSettings, pin?: string): Promise<Result<ConnectionTest>>;
  save(settings: TerminalSettings, pin?: string): Promise<Result<SaveOutcome>>;
}

/** Asks for the PIN and opens the settings with it; a wrong one is said, never which part. */
function PinPrompt({ onView, api }: { onView: (view: SettingsView, pin: string) => void; api: SettingsApi }) {
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { t } = useTranslation();
  const submit = (event: React.FormEvent): void => {
    event.preventDefault();
    void api.view(pin).then((result) => {
      if (!result.ok) return setProblem(result.error);
      if (result.value.locked) return setProblem(t('settings.wrongPin'));
      onView(result.value, pin);
    });
  };
  return (
    <form className="settings-pin" onSubmit={submit} aria-label={t('settings.unlockTitle')}>
      <PinField pin={pin} onChange={setPin} autoFocus />
      <button type="submit" className="action">
        {t('settings.unlock')}
      </button>
      {problem && <p role="alert">{problem}</p>}
    </form>
  );
}

/** The form, once the settings are readable (at once on a first start, after the PIN otherwise). */
function UnlockedForm({
  view,
  pin,
  api,
  onSaved,
  onCancel,
}: {
  view: SettingsView;
  pin: string | undefined;
  api: SettingsApi;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  return (
    <SettingsForm
      initial={view.settings ?? blankSettings}
      firstRun={!view.configured}
      hasPassword={view.hasPassword}
      hasRegistryPassword={view.hasRegistryPassword}
      secretStorage={view.secretStorage}
      actions={{ test: (settings) => api.test(settings, pin), save: (settings) => api.save(settings, pin) }}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

/**
 * What a terminal shows when it does not run: on its first start, the setup form; when its
 * configuration cannot be used, why, and the form to put it right (behind the PIN if it has one).
 */
export function SetupScreen({ view, api, onSaved }: { view: SettingsView; api: SettingsApi; onSaved: () => void }) {
  const [unlocked, setUnlocked] = useState<{ view: SettingsView; pin?: string } | null>(view.locked ? null : { view });
  const { t } = useTranslation();
  return (
    <main className="setup" aria-label={t('setup.title')}>
      <h1>{view.configured || view.problem ? t('setup.cannotStart') : t('setup.setUp')}</h1>
      {view.problem && (
        <p className="setup__problem" role="alert">
          {view.problem}
        </p>
      )}
      {!view.configured && !view.problem && <p>{t('setup.explain')}</p>}
      {unlocked ? (
        <UnlockedForm view={unlocked.view} pin={unlocked.pin} api={api} onSaved={onSaved} />
      ) : (
        <PinPrompt api={api} onView={(opened, pin) => setUnlocked({ view: opened, pin })} />
      )}
    </main>
  );
}

/** The settings of a running terminal, from Diagnostics: PIN first; saving restarts its core with them. */
export function SettingsDialog({ api, onClose }: { api: SettingsApi; onClose: (saved: boolean) => void }) {
  const [unlocked, setUnlocked] = useState<{ view: SettingsView; pin: string } | null>(null);
  const { t } = useTranslation();
  return (
    <div className="settings-dialog" role="dialog" aria-label={t('settings.title')}>
      <h2>{t('settings.title')}</h2>
      {unlocked ? (
        <UnlockedForm view={unlocked.view} pin={unlocked.pin} api={api} onSaved={() => onClose(true)} onCancel={() => onClose(false)} />
      ) : (
        <>
          <PinPrompt api={api} onView={(view, pin) => setUnlocked({ view, pin })} />
          <button type="button" className="action" onClick={() => onClose(false)}>
            {t('sheet.close')}
          </button>
        </>
      )}
    </div>
  );
}
