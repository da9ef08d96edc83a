import type { PrepQuote } from '../../shared/prep-quote';
import { durationText } from './countdown';

/** What a prep-time quote was made of, per station: how long its open work keeps this order waiting, and this order's own cook time. */
export function QuoteInputs({ quote, chosen }: { quote: PrepQuote; chosen: number }) {
  return (
    <div className="quote">
      <p className="quote__note">
        Kitchen's quote: <strong>{quote.minutes} min</strong>
        {chosen !== quote.minutes && ` (you chose ${chosen} min)`}
      </p>
      {quote.stations.length > 0 && (
        <table className="quote__stations">
          <thead>
            <tr>
              <th scope="col">Station</th>
              <th scope="col">Wait</th>
              <th scope="col">Cook</th>
              <th scope="col">Open now</th>
            </tr>
          </thead>
          <tbody>
            {quote.stations.map((station) => (
              <tr key={station.station}>
                <th scope="row">{station.station}</th>
                <td>{durationText(station.waitSeconds)}</td>
                <td>{durationText(station.cookSeconds)}</td>
                <td>
                  {station.openTickets} {station.openTickets === 1 ? 'ticket' : 'tickets'}, {station.openItems}{' '}
                  {station.openItems === 1 ? 'item' : 'items'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {quote.itemsWithoutCookTime > 0 && (
        <p className="quote__note quote__note--warn">
          {quote.itemsWithoutCookTime} {quote.itemsWithoutCookTime === 1 ? 'item has' : 'items have'} no cook time: counted with the usual
          time
        </p>
      )}
    </div>
  );
}
