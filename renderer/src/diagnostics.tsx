import type { CoreStatus } from '../../shared/core-status';

/** What IT staff need when something is wrong: connection, lag per partition, queues and counters. */
export function Diagnostics({ status, onClose }: { status: CoreStatus; onClose: () => void }) {
  return (
    <div className="diagnostics" role="dialog" aria-label="Diagnostics">
      <h2>Diagnostics</h2>
      <p>
        Broker: {status.connection.state} since {status.connection.since}
        {status.connection.detail ? ` (${status.connection.detail})` : ''} · consumer {status.consumer.state}
      </p>
      <p>
        Retrying {status.retryDepth} · parked {status.parked} · failed (dead letters) {status.deadLetters}
      </p>
      <p>
        Cook actions waiting to send: {status.outbox.pending}
        {status.outbox.oldestAt ? ` (oldest from ${status.outbox.oldestAt})` : ''}
        {status.outbox.lastError ? ` — last error: ${status.outbox.lastError}` : ''}
      </p>
      <table>
        <thead>
          <tr>
            <th>Partition</th>
            <th>Next offset</th>
            <th>End</th>
            <th>Behind</th>
          </tr>
        </thead>
        <tbody>
          {status.lag.map((p) => (
            <tr key={p.partition}>
              <td>{p.partition}</td>
              <td>{p.nextOffset ?? '—'}</td>
              <td>{p.highWatermark ?? '—'}</td>
              <td>{p.lag ?? '?'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="diagnostics__counters">
        {Object.entries(status.counters).map(([name, value]) => (
          <li key={name}>
            {name}: {value}
          </li>
        ))}
      </ul>
      <button type="button" className="action" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
