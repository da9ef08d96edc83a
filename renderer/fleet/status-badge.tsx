import type { FleetStatus } from '../../shared/fleet';

/** Each status has a word and a shape as well as a colour: colour alone fails a colour-blind reader and a grey printout. */
export const STATUS_LOOK: Record<FleetStatus, { word: string; icon: string }> = {
  trouble: { word: 'Trouble', icon: '✖' },
  offline: { word: 'Offline', icon: '⊘' },
  silent: { word: 'Silent', icon: '?' },
  warning: { word: 'Warning', icon: '▲' },
  stopped: { word: 'Stopped', icon: '■' },
  ok: { word: 'OK', icon: '✓' },
};

/** The header's order: what needs a person first. */
export const STATUS_ORDER: readonly FleetStatus[] = ['trouble', 'offline', 'silent', 'warning', 'stopped', 'ok'];

export function StatusBadge({ status }: { status: FleetStatus }) {
  const look = STATUS_LOOK[status];
  return (
    <span className={`badge badge--${status}`}>
      <span className="badge__icon" aria-hidden="true">
        {look.icon}
      </span>
      {look.word}
    </span>
  );
}
