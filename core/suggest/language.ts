import { stemmer as germanStem } from '@orama/stemmers/german';
import { stemmer as frenchStem } from '@orama/stemmers/french';
import { stemmer as italianStem } from '@orama/stemmers/italian';
import { stemmer as portugueseStem } from '@orama/stemmers/portuguese';
import { stemmer as spanishStem } from '@orama/stemmers/spanish';
import { stopwords as germanStop } from '@orama/stopwords/german';
import { stopwords as englishStop } from '@orama/stopwords/english';
import { stopwords as frenchStop } from '@orama/stopwords/french';
import { stopwords as italianStop } from '@orama/stopwords/italian';
import { stopwords as portugueseStop } from '@orama/stopwords/portuguese';
import { stopwords as spanishStop } from '@orama/stopwords/spanish';
import englishStem from 'wink-porter2-stemmer';

/**
 * Text analysis for suggestions: tokens, stop words and stems in the language of
 * a transcript. English uses Porter2 (the Snowball English stemmer); Spanish,
 * French, German, Italian and Portuguese use Snowball stemmers. Other languages
 * are lower-cased and split into words without stemming.
 */

/** One content word of a text: its stem and the word as written (lower-cased). */
export interface Token {
  stem: string;
  surface: string;
}

export interface Analyzer {
  /** The normalised language code (`en`, `es`, …; `xx` when unsupported). */
  language: string;
  /** Content words of a text in order: stop words and one-letter words removed. */
  tokens(text: string): Token[];
  /** The stem of one lower-cased word (cached). */
  stem(word: string): string;
}

/** Discourse fillers of spoken interviews, on top of each list of function words. */
const FILLERS: Record<string, string[]> = {
  en: ['um', 'umm', 'uh', 'uhm', 'er', 'erm', 'hmm', 'mm', 'mhm', 'ah', 'oh', 'okay', 'ok', 'yeah', 'yep'],
  es: ['eh', 'em', 'mm', 'mhm', 'ah', 'oh', 'ya', 'sí', 'okey'],
};

/**
 * Words that the Spanish stop list treats as function words but that carry
 * content in interviews (work, time, to get to know, never, always, truth, bad…).
 */
const KEEP: Record<string, string[]> = {
  es: [
    'trabajo', 'trabajar', 'trabaja', 'trabajan', 'trabajas', 'trabajamos', 'tiempo', 'conocer', 'mejor', 'peor', 'mal', 'bien',
    'nunca', 'siempre', 'verdad', 'verdadera', 'verdadero', 'habla', 'hablan', 'decir', 'ayer', 'hoy', 'final', 'fin', 'ayuda',
    'confianza', 'lejos', 'cerca', 'nadie', 'dijo', 'dice', 'valor', 'cuenta', 'saber', 'sabe', 'ver',
  ],
};

interface LanguageSpec {
  stem?: (w: string) => string;
  stop: string[];
}

const LANGUAGES: Record<string, LanguageSpec> = {
  en: { stem: englishStem, stop: englishStop },
  es: { stem: spanishStem, stop: spanishStop },
  fr: { stem: frenchStem, stop: frenchStop },
  de: { stem: germanStem, stop: germanStop },
  it: { stem: italianStem, stop: italianStop },
  pt: { stem: portugueseStem, stop: portugueseStop },
};

const NAMES: Record<string, string> = {
  english: 'en', spanish: 'es', español: 'es', espanol: 'es', castellano: 'es', french: 'fr', français: 'fr', francais: 'fr',
  german: 'de', deutsch: 'de', italian: 'it', italiano: 'it', portuguese: 'pt', português: 'pt', portugues: 'pt',
};

/** `en`, `en-GB`, `English`, `es_CL` → `en`/`es`; unknown → the lower-cased primary tag. */
export function normalizeLanguage(lang: string | undefined): string {
  const l = (lang ?? 'en').trim().toLowerCase();
  if (NAMES[l]) return NAMES[l];
  const primary = l.split(/[-_]/)[0];
  return primary || 'en';
}

/** Whether suggestions stem this language (otherwise words are matched as written). */
export function supportsStemming(lang: string): boolean {
  return LANGUAGES[normalizeLanguage(lang)]?.stem !== undefined;
}

// Letters (with combining marks) and digits, with inner apostrophes or hyphens: "don't", "self-esteem".
const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’\-][\p{L}\p{M}\p{N}]+)*/gu;
const MAX_CACHE = 200_000;

const analyzers = new Map<string, Analyzer>();

/** The (shared, cached) analyzer for a language. */
export function analyzer(lang: string | undefined): Analyzer {
  const language = normalizeLanguage(lang);
  let a = analyzers.get(language);
  if (!a) {
    a = makeAnalyzer(language);
    analyzers.set(language, a);
  }
  return a;
}

/**
 * The longest word analysed (longer ones are skipped, and stemmed as themselves):
 * past the longest words of the supported languages' dictionaries.
 */
export const MAX_WORD = 64;

function makeAnalyzer(language: string): Analyzer {
  const spec = LANGUAGES[language];
  const keep = new Set(KEEP[language] ?? []);
  const stop = new Set([...(spec?.stop ?? []), ...(FILLERS[language] ?? [])].filter((w) => !keep.has(w)));
  const stemFn = spec?.stem;
  const cache = new Map<string, string>();
  const stem = (word: string): string => {
    let s = cache.get(word);
    if (s === undefined) {
      if (cache.size > MAX_CACHE) cache.clear();
      s = word;
      if (stemFn && word.length <= MAX_WORD) {
        try {
          s = stemFn(word) || word;
        } catch {
          s = word;
        }
      }
      cache.set(word, s);
    }
    return s;
  };
  const tokens = (text: string): Token[] => {
    const out: Token[] = [];
    const lower = text.normalize('NFC').toLowerCase();
    for (const m of lower.matchAll(WORD)) {
      const surface = m[0].replace(/’/g, "'");
      if (stop.has(surface)) continue;
      // A hyphenated word counts as its parts too ("self-esteem" → self, esteem).
      const parts = surface.includes('-') ? surface.split('-') : [surface];
      for (const p of parts) {
        // Longer is no word (a pasted hash, a line of letters), and the stemmer's
        // patterns backtrack on it: a 2 MB "word" took minutes.
        if (p.length < 2 || p.length > MAX_WORD || stop.has(p) || /^\d+$/.test(p)) continue;
        out.push({ stem: stem(p.replace(/'s$/, '')), surface: p });
      }
    }
    return out;
  };
  return { language, tokens, stem };
}
