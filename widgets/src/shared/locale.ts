import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from '../generated/locale-codes.js';

export type FoyerLocale = 'fr' | 'en';

type Loaders = Record<string, () => Promise<import('@lit/localize').LocaleModule>>;

/**
 * Where this bundle's translations are, set by its entry: foyer.js loads the families' texts
 * only (generated/family-locales), foyer-admin.js every text (generated/locales). Neither is
 * imported here, so that a bundle does not carry the other's chunk.
 */
let loaders: Loaders = {};

/** Sets the translations `setLocale` loads; the last call wins (the back office's, in its bundle). */
export function useTranslations(bundleLoaders: Loaders): void {
  loaders = bundleLoaders;
}

/**
 * Lit Localize keeps one active locale per page (per copy of the library): French, the source
 * locale, until a provider asks for English.
 */
const localization = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => {
    const load = loaders[locale];
    if (!load) throw new RangeError(`Foyer has no "${locale}" translation`);
    return load();
  },
});

/** Switches every Foyer element of the page to `locale` (`fr` or `en`); unknown values mean French. */
export function setLocale(locale: string | null | undefined): Promise<void> {
  const wanted = locale && (targetLocales as readonly string[]).includes(locale) ? locale : sourceLocale;
  return wanted === localization.getLocale() ? Promise.resolve() : localization.setLocale(wanted);
}

export function getLocale(): FoyerLocale {
  return localization.getLocale() === 'en' ? 'en' : 'fr';
}

/** The BCP 47 locale of `Intl` formatting: French formats (`fr-FR`) by default. */
export function intlLocale(): string {
  return getLocale() === 'en' ? 'en-GB' : 'fr-FR';
}
