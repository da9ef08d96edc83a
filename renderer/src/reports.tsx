import { useState } from 'react';
import { AuditTrailPanel, type AuditApi } from './audit-trail';
import { SpeedOfServicePanel, type SpeedOfServiceApi } from './speed-of-service';

/** Reports for managers and support: speed of service and audit trails, from this terminal's own history. */
export function Reports({ speed, audit, onClose }: { speed: SpeedOfServiceApi; audit: AuditApi; onClose: () => void }) {
  const [tab, setTab] = useState<'speed' | 'audit'>('speed');
  return (
    <div className="reports" role="dialog" aria-label="Reports">
      <header className="reports__head">
        <h2>Reports</h2>
        <nav className="reports__tabs" aria-label="Reports">
          <button
            type="button"
            className={`station ${tab === 'speed' ? 'station--active' : ''}`}
            aria-pressed={tab === 'speed'}
            onClick={() => setTab('speed')}
          >
            Speed of service
          </button>
          <button
            type="button"
            className={`station ${tab === 'audit' ? 'station--active' : ''}`}
            aria-pressed={tab === 'audit'}
            onClick={() => setTab('audit')}
          >
            Audit trail
          </button>
        </nav>
        <button type="button" className="action reports__close" onClick={onClose}>
          Close
        </button>
      </header>
      {tab === 'speed' ? <SpeedOfServicePanel api={speed} /> : <AuditTrailPanel api={audit} />}
    </div>
  );
}
