/**
 * The widget's words. The language is the page's (`<html lang>`), else the browser's, else the
 * site's default; RTL languages set `dir`, and the styles use logical properties so both read right.
 */
import { de } from './de';
import { en, type Catalogue } from './en';
import { es } from './es';
import { fr } from './fr';

const CATALOGUES: Record<string, Catalogue> = { en, de, es, fr };
const RTL = new Set(['ar', 'he', 'fa', 'ur']);

export type Key = keyof Catalogue;
export type Translate = (key: Key, vars?: Record<string, string | number>) => string;

const primary = (tag: string | null | undefined) => tag?.toLowerCase().split('-')[0] ?? '';

/** The first of the page's, the browser's and the site's languages that has a catalogue. */
export function pickLanguage(pageLang: string | null, browserLang: string | undefined, siteDefault: string): string {
  return [pageLang, browserLang, siteDefault].map(primary).find((l) => l in CATALOGUES) ?? 'en';
}

/** The text direction of the page's language, even when its words fall back to another catalogue. */
export const directionOf = (pageLang: string | null): 'rtl' | 'ltr' => (RTL.has(primary(pageLang)) ? 'rtl' : 'ltr');

export function translator(language: string): Translate {
  const catalogue = CATALOGUES[language] ?? en;
  return (key, vars = {}) => catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}
