/** The site's locale instance: the one the pages and components format with. */
import { createLocale } from './lib/locale.ts';
import { siteConfig } from './site.config.ts';

export const locale = createLocale({ locale: siteConfig.locale, timeZone: siteConfig.timezone });
