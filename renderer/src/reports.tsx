import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AuditTrailPanel, type AuditApi } from './audit-trail';
import { SpeedOfServicePanel, type SpeedOfServiceApi } from './speed-of-service';

/** Reports for managers and support: speed of service and audit trails, from this terminal's own history. */
export function Reports({ speed, audit, onClose }: { speed: SpeedOfServiceApi; audit: AuditApi; onClose: () => void }) {
  const [tab, setTab] = useState<'speed' | 'audit'>('speed');
  const { t } = useTranslation();
  return (
    <div className="reports" role="dialog" aria-label={t('status.reports')}>
      <header className="reports__head">
        <h2>{t('status.reports')}</h2>
        <nav className="reports__tabs" aria-label={t('status.reports')}>
          <button
            type="button"
            className={`station ${tab === 'speed' ? 'station--active' : ''}`}
            aria-pressed={tab === 'speed'}
            onClick={() => setTab('speed')}
          >
            {t('reports.speed')}
          </button>
          <button
            type="button"
            className={`station ${tab === 'audit' ? 'station--active' : ''}`}
            aria-pressed={tab === 'audit'}
            onClick={() => setTab('audit')}
          >
            {t('reports.audit')}
          </button>
        </nav>
        <button type="button" className="action reports__close" onClick={onClose}>
          {t('sheet.close')}
        </button>
      </header>
      {tab === 'speed' ? <SpeedOfServicePanel api={speed} /> : <AuditTrailPanel api={audit} />}
    </div>
  );
}
