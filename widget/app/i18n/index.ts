/**
 * The widget's words. The language is the page's (`<html lang>`), else the browser's, else the
 * site's default (see ../../language.ts); RTL languages set `dir`, and the styles use logical
 * properties so both read right.
 */
import type { Language } from '../../language';
import { de } from './de';
import { en, type Catalogue } from './en';
import { es } from './es';
import { fr } from './fr';

const CATALOGUES: Record<Language, Catalogue> = { en, de, es, fr };

export type Key = keyof Catalogue;
export type Translate = (key: Key, vars?: Record<string, string | number>) => string;

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, vars = {}) => catalogue[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
}
