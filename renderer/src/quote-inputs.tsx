import { useTranslation } from 'react-i18next';
import type { PrepQuote } from '../../shared/prep-quote';
import { durationText } from './countdown';

/** What a prep-time quote was made of, per station: how long its open work keeps this order waiting, and this order's own cook time. */
export function QuoteInputs({ quote, chosen }: { quote: PrepQuote; chosen: number }) {
  const { t } = useTranslation();
  return (
    <div className="quote">
      <p className="quote__note">
        {t('quote.kitchen')}
        <strong>{t('quote.minutes', { minutes: quote.minutes })}</strong>
        {chosen !== quote.minutes && t('quote.youChose', { minutes: chosen })}
      </p>
      {quote.stations.length > 0 && (
        <table className="quote__stations">
          <thead>
            <tr>
              <th scope="col">{t('quote.station')}</th>
              <th scope="col">{t('quote.wait')}</th>
              <th scope="col">{t('quote.cook')}</th>
              <th scope="col">{t('quote.open')}</th>
            </tr>
          </thead>
          <tbody>
            {quote.stations.map((station) => (
              <tr key={station.station}>
                <th scope="row">{station.station}</th>
                <td>{durationText(station.waitSeconds, t)}</td>
                <td>{durationText(station.cookSeconds, t)}</td>
                <td>
                  {t('quote.tickets', { count: station.openTickets })}, {t('quote.items', { count: station.openItems })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {quote.itemsWithoutCookTime > 0 && (
        <p className="quote__note quote__note--warn">{t('quote.noCookTime', { count: quote.itemsWithoutCookTime })}</p>
      )}
    </div>
  );
}
