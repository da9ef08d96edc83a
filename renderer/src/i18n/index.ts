import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './ar';
import { en } from './en';
import { es } from './es';
import { zh } from './zh';

/** The languages a screen can show, each named in itself (a cook picks the one they read). */
export const LANGUAGES = [
  { id: 'en', name: 'English', dir: 'ltr' },
  { id: 'es', name: 'Español', dir: 'ltr' },
  { id: 'zh', name: '简体中文', dir: 'ltr' },
  { id: 'ar', name: 'العربية', dir: 'rtl' },
] as const;
export type Language = (typeof LANGUAGES)[number]['id'];

export const CATALOGS = { en, es, zh, ar } as const;

/**
 * i18next for React (react-i18next): plural forms by the language's own rules (Intl.PluralRules),
 * interpolation left to React's escaping; a key missing from a catalog falls back to English.
 */
export function startI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(CATALOGS).map(([id, catalog]) => [id, { translation: catalog }])),
    interpolation: { escapeValue: false },
    // The catalogs are bundled: ready before the first render, never a flash of keys.
    initAsync: false,
  });
  return i18next;
}
