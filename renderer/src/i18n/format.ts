import i18next from 'i18next';

/**
 * Dates, times and numbers in the screen's language, through Intl: the catalogs hold words, Intl
 * holds how a language writes a date or a number. Kitchens read times on a 24-hour clock.
 */
const language = (): string | undefined => i18next.resolvedLanguage ?? i18next.language ?? undefined;

/** Intl formatters are costly to build and a screen formats times every second: one per language and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(style: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language() ?? ''}|${style}`;
  let format = formatters.get(key);
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(language(), options)));
  return format;
}

const valid = (iso: string): Date | null => {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? null : at;
};

/** "12:48" (hours and minutes, 24-hour). */
export function timeOfDay(iso: string): string {
  const at = valid(iso);
  return at ? dateFormat('time', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at) : '—';
}

/** "12:48:05" (with seconds, for what support compares to a log). */
export function timeWithSeconds(iso: string, withMilliseconds = false): string {
  const at = valid(iso);
  if (!at) return '—';
  return dateFormat(withMilliseconds ? 'seconds.ms' : 'seconds', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    ...(withMilliseconds ? { fractionalSecondDigits: 3 as const } : {}),
  }).format(at);
}

/** A date and a time, as the language writes them. */
export function dateTime(iso: string): string {
  const at = valid(iso);
  return at ? dateFormat('dateTime', { dateStyle: 'short', timeStyle: 'medium', hourCycle: 'h23' }).format(at) : '—';
}

/** A day, as the language writes it. */
export function dateOnly(iso: string): string {
  const at = valid(iso);
  return at ? dateFormat('date', { dateStyle: 'medium' }).format(at) : '—';
}

/** A count or an amount, with the language's digits and separators. */
export function numberText(value: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(language(), { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}
