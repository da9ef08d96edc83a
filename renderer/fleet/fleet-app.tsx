import { useCallback, useState } from 'react';
import { fetchFleet } from './fleet-client';
import { FailureBanner } from './failure-banner';
import { FleetTotals } from './fleet-totals';
import { clockTime, count } from './format';
import { MerchantFilter } from './merchant-filter';
import { TerminalDetails } from './terminal-details';
import { TerminalTable } from './terminal-table';
import { usePolled } from './use-polled';

/** How many rows are shown: the service sends the worst `limit`, so a long fleet is cut, and the page says so. */
function shownCount(shown: number, total: number, merchant: string | null): string {
  // With a merchant chosen the totals are still the whole fleet's, so the row count stands alone.
  if (merchant !== null) return `${count(shown)} terminals of ${merchant}, worst first`;
  return shown < total ? `The ${count(shown)} worst of ${count(total)} terminals` : `${count(shown)} terminals, worst first`;
}

/** The fleet page: totals, a merchant filter, the terminals worst first, and one terminal's details beside them. */
export function FleetApp({ token }: { token: string }) {
  const [merchant, setMerchant] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const fleet = usePolled(`merchant:${merchant ?? ''}`, (signal) => fetchFleet(token, merchant, signal));
  const close = useCallback(() => setSelected(null), []);
  const view = fleet.data;
  const stale = fleet.failure !== null;

  return (
    <div className={selected ? 'fleet fleet--details' : 'fleet'}>
      <header className="fleet__head">
        <h1>Kitchen fleet</h1>
        {view && <FleetTotals totals={view.totals} stale={stale} />}
        <p className="fleet__updated" role="status">
          {/* "Updated" only when the last attempt succeeded: after a failure the time belongs to the banner. */}
          {view && !stale ? `Updated ${clockTime(fleet.receivedAt)}` : ''}
        </p>
      </header>
      {fleet.failure && <FailureBanner failure={fleet.failure} receivedAt={fleet.receivedAt} />}
      <div className="fleet__tools">
        <MerchantFilter merchants={view?.merchants ?? []} chosen={merchant} onChoose={setMerchant} />
        {view && <p className="muted">{shownCount(view.terminals.length, view.totals.terminals, merchant)}</p>}
      </div>
      <main className={stale ? 'fleet__list stale' : 'fleet__list'} data-stale={stale}>
        {view ? (
          <TerminalTable terminals={view.terminals} selected={selected} compact={selected !== null} onOpen={setSelected} />
        ) : (
          !fleet.failure && <p className="muted">Loading the fleet…</p>
        )}
      </main>
      {selected && <TerminalDetails key={selected} token={token} terminalKey={selected} onClose={close} />}
    </div>
  );
}
