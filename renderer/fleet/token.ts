/**
 * The fleet service's access token. It arrives once in the URL fragment (`#token=…`, which browsers
 * never send to a server or put in a Referer), is kept for this tab only in sessionStorage, and the
 * fragment is cleared at once so it does not linger in history, bookmarks or screenshots.
 */
const STORAGE_KEY = 'kds-fleet-token';

export function takeToken(location: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromFragment) {
    storage.setItem(STORAGE_KEY, fromFragment);
    window.history.replaceState(null, '', `${location.pathname}${location.search}`);
    return fromFragment;
  }
  return storage.getItem(STORAGE_KEY);
}
