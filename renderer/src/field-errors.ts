import type { TFunction } from 'i18next';
import type { CatalogKey } from './i18n/en';

/**
 * The settings schema (shared/settings.ts) and the core say what is wrong with a field in English,
 * the contract's language; a screen shows it in its own. Each known message has a catalog entry;
 * one the catalogs do not know yet (a newer core) is shown as it came rather than hidden.
 */
const KNOWN: ReadonlyArray<readonly [RegExp, CatalogKey]> = [
  [/^letters, digits, dot, underscore or dash only$/, 'fieldError.idCharacters'],
  [/^host:port$/, 'fieldError.hostPort'],
  [/^give at least one broker/, 'fieldError.oneBroker'],
  [/^at least 1$/, 'fieldError.atLeastOne'],
  [/^at most (\d+)$/, 'fieldError.atMost'],
  [/^whole minutes$/, 'fieldError.wholeMinutes'],
  [/^must be more than the warning time$/, 'fieldError.lateAfterWarn'],
  [/^"(.*)" is listed twice$/, 'fieldError.listedTwice'],
  [/^a CA file needs TLS switched on$/, 'fieldError.caNeedsTls'],
  [/^required with SASL$/, 'fieldError.saslUser'],
  [/^PLAIN sends the password in clear/, 'fieldError.plainNeedsTls'],
  [/^the registry URL must be/, 'fieldError.registryUrl'],
  [/^credentials go in Username and Password/, 'fieldError.registryCredentials'],
  [/^a password needs a username$/, 'fieldError.passwordNeedsUser'],
  [/^Avro kitchen events need a schema registry$/, 'fieldError.avroNeedsRegistry'],
  [/^a cluster id as "Test connection" shows it$/, 'fieldError.clusterId'],
  [/^4 to 12 digits$/, 'fieldError.pinDigits'],
  [/^choose a PIN: it protects these settings$/, 'fieldError.choosePin'],
  [/^line (\d+): write "Item name = m:ss"/, 'fieldError.cookTimeLine'],
  // zod's own words for an empty required text or an over-long one.
  [/^Too small: expected string to have >=1 characters?$/, 'fieldError.required'],
  [/^Too big: expected (?:string|array) to have <=(\d+)/, 'fieldError.tooLong'],
];

/** A field's problem in the screen's language; `value` is the number or name the English one carried. */
export function fieldErrorText(message: string, t: TFunction): string {
  for (const [pattern, key] of KNOWN) {
    const match = pattern.exec(message);
    if (match) return t(key, { value: match[1] ?? '' });
  }
  return message;
}
