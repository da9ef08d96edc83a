/** Figures as a support person reads them at a desk: grouped thousands, short ages, clock times. */

const grouped = new Intl.NumberFormat('en-US');

export function count(value: number | null | undefined, unknown = 'unknown'): string {
  return value === null || value === undefined ? unknown : grouped.format(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM:SS on the support person's own clock (24 h, whatever the browser's locale, so times quoted in a support ticket read the same for everyone). */
export function clockTime(at: number | string | null): string {
  if (at === null) return '—';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return '—';
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** HH:MM, for chart axes over one hour. */
export function clockMinute(at: string): string {
  return clockTime(at).slice(0, 5);
}

/**
 * An age in seconds as "42 s", "6 min 3 s", "12 min" or "2 h 5 min": a column of raw seconds is hard
 * to compare at a glance, and past ten minutes the seconds no longer matter.
 */
export function age(seconds: number | null): string {
  if (seconds === null) return 'never';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** A date-time from a health record, with its day only when it is not today (records are mostly minutes old). */
export function stamp(at: string | null, now = Date.now()): string {
  if (at === null) return '—';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const today = new Date(now).toDateString() === date.toDateString();
  return today ? clockTime(at) : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${clockTime(at)}`;
}
