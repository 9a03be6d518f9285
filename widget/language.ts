/** Which of the widget's languages to speak; shared by the loader (the launcher's words) and the app. */
export const LANGUAGES = ['en', 'de', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

const primary = (tag: string | null | undefined) => tag?.toLowerCase().split('-')[0] ?? '';

/** The first of the page's, the browser's and the site's languages the widget has, else English. */
export function pickLanguage(pageLang: string | null | undefined, browserLang: string | undefined, siteDefault: string | undefined): Language {
  return ([pageLang, browserLang, siteDefault].map(primary).find((l) => (LANGUAGES as readonly string[]).includes(l)) as Language | undefined) ?? 'en';
}

const RTL = ['ar', 'he', 'fa', 'ur'];

/** The text direction of the page's language, even when the words fall back to another language. */
export const directionOf = (pageLang: string | null): 'rtl' | 'ltr' => (RTL.includes(primary(pageLang)) ? 'rtl' : 'ltr');
