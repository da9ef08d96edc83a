import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { storedChoice, useStoredChoice } from './browser-storage';
import { LANGUAGES, type Language } from './i18n';

const STORAGE_KEY = 'kds.language';
const LANGUAGE_IDS = LANGUAGES.map((language) => language.id);

/** This screen's language as kept by its browser; English when none or an unknown one was kept. */
export function storedLanguage(storage: Pick<Storage, 'getItem'> | undefined): Language {
  return storedChoice(storage, STORAGE_KEY, LANGUAGE_IDS, 'en');
}

/**
 * The screen's language (each screen its own: a grill screen in Spanish beside expo in English),
 * applied to i18next and to the page (`lang`, and `dir` for a right-to-left one), and kept.
 */
export function useLanguage(): [Language, (language: Language) => void] {
  const { i18n } = useTranslation();
  const [language, choose] = useStoredChoice<Language>(STORAGE_KEY, LANGUAGE_IDS, 'en');
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    document.documentElement.dir = LANGUAGES.find((entry) => entry.id === language)?.dir ?? 'ltr';
  }, [i18n, language]);
  return [language, choose];
}
