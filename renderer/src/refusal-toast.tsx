import { useTranslation } from 'react-i18next';
import type { CatalogKey } from './i18n/en';
import { useTapRefusals, type RefusalKind, type TapRefusal } from './tap-refusals';

const VERDICT: Record<RefusalKind, CatalogKey> = {
  refused: 'tap.refused',
  'not-sent': 'tap.notSent',
  'no-answer': 'tap.noAnswer',
};

/** Said by shape as well as colour: a barred circle for a refusal, a warning triangle when the core was not reached. */
function RefusalIcon({ kind }: { kind: RefusalKind }) {
  return (
    <svg className="refusal-toast__icon" viewBox="0 0 24 24" aria-hidden="true">
      {kind === 'refused' ? (
        <>
          <circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" strokeWidth="3" />
          <line x1="5.5" y1="18.5" x2="18.5" y2="5.5" stroke="currentColor" strokeWidth="3" />
        </>
      ) : (
        <>
          <path d="M12 2.5 22.5 21h-21z" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinejoin="round" />
          <line x1="12" y1="9" x2="12" y2="14.5" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          <circle cx="12" cy="18" r="1.5" fill="currentColor" />
        </>
      )}
    </svg>
  );
}

/**
 * A tap that did nothing, said where the cook looks: on its ticket (over the ticket's head and
 * items, inside the card so it never covers another ticket, under the card's own buttons so the
 * remedy stays in reach) or over the status bar. A tap on it dismisses it; it also goes by itself
 * (tap-refusals.ts).
 */
export function RefusalToast({ refusal, place }: { refusal: TapRefusal; place: 'ticket' | 'top' }) {
  const dismiss = useTapRefusals((state) => state.dismiss);
  const { t } = useTranslation();
  return (
    <div className={`refusal-toast refusal-toast--${place} refusal-toast--${refusal.kind}`} role="alert">
      {/* Keyed by id: a repeated refusal is drawn afresh, so the cook sees the second tap answered too. */}
      <div key={refusal.id} className="refusal-toast__body">
        <RefusalIcon kind={refusal.kind} />
        <strong className="refusal-toast__what">
          {/* On its ticket the card says which ticket; at the top the toast must. */}
          {place === 'top' && refusal.ticket !== null && `${refusal.ticket} · `}
          {refusal.action} — {t(VERDICT[refusal.kind])}
          {refusal.repeats > 1 && <span className="refusal-toast__repeats"> ×{refusal.repeats}</span>}
        </strong>
        <span className="refusal-toast__why">{refusal.reason}</span>
        <span className="refusal-toast__close" aria-hidden="true">
          ✕
        </span>
      </div>
      {/* The whole toast is the dismiss button; named apart from its text, so it is never taken for the button it reports on. */}
      <button type="button" className="refusal-toast__dismiss" aria-label={t('tap.dismiss')} onClick={() => dismiss(refusal.id)} />
    </div>
  );
}
