/**
 * The starter project "Axial: New Project…" writes, made from the answers to its
 * three questions (title, language, coders). Plain strings over the welcome view's
 * templates (client/tree/templates.ts): no editor API, so unit tests parse the result
 * with Axial's core.
 */
import { isValidId } from '../../core/codebook';
import { STARTER_CODEBOOK, STARTER_TRANSCRIPT } from '../tree/projectFiles';

/** A coder as New Project asks for one: initials (used as `@XX`) and a full name. */
export interface StarterCoder {
  initials: string;
  name: string;
}

/** The answers to New Project's questions. */
export interface StarterAnswers {
  title: string;
  /** A language code such as `en` or `es` (the transcripts' language, for suggestions). */
  language: string;
  coders: StarterCoder[];
}

/** The languages New Project offers first (Axial's suggestions stem these). */
export const STARTER_LANGUAGES: { code: string; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Spanish' },
  { code: 'fr', name: 'French' },
  { code: 'de', name: 'German' },
  { code: 'it', name: 'Italian' },
  { code: 'pt', name: 'Portuguese' },
];

/**
 * Reads the coders answer: `CA Carolina Altimir; LN Lucía Núñez` (initials, then the
 * name, entries separated by `;` or `,`). Returns the coders, or the reason the answer
 * cannot be used. An empty answer means no coders (any `@XX` is accepted).
 */
export function parseCoders(answer: string): { coders: StarterCoder[] } | { error: string } {
  const coders: StarterCoder[] = [];
  for (const part of answer.split(/[;,]/)) {
    const m = /^\s*(\S+)\s*(.*?)\s*$/.exec(part);
    if (!m) continue;
    const initials = m[1].replace(/^@/, '');
    if (!isValidId(initials)) return { error: `'${initials}' cannot be used as initials: start with a letter or digit, then letters, digits, '_', '.' or '-'` };
    if (coders.some((c) => c.initials === initials)) return { error: `the initials ${initials} are given twice` };
    coders.push({ initials, name: m[2] || initials });
  }
  return { coders };
}

/** A YAML scalar for any text (JSON strings are YAML double-quoted scalars). */
function yamlString(text: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .'’()-]*$/u.test(text) && !/[: ]$/.test(text) ? text : JSON.stringify(text);
}

/** The files New Project writes, by path relative to the project folder. */
export function starterFiles(answers: StarterAnswers): Record<string, string> {
  const coders = answers.coders.length > 0
    ? 'coders:\n' + answers.coders.map((c) => `  ${c.initials}: ${yamlString(c.name)}\n`).join('')
    : '# coders:                   # declare coders (XX: Full Name) to check @XX attributions\n#   ME: Your Name\n';
  const language = answers.language.trim() || 'en';
  const codebook = STARTER_CODEBOOK
    .replace(/^title: .*$/m, `title: ${yamlString(answers.title.trim() || 'My study')}`)
    .replace(/^language: en( *)/m, (_, pad: string) => `language: ${yamlString(language)}${' '.repeat(Math.max(1, pad.length + 2 - language.length))}`)
    .replace(/^coders:\n  ME: Your Name\n/m, coders);
  const first = answers.coders[0]?.initials;
  const transcript = first ? STARTER_TRANSCRIPT.replace(/^coder: ME$/m, `coder: ${first}`) : STARTER_TRANSCRIPT.replace(/^coder: ME\n/m, '');
  return { 'codebook.yaml': codebook, 'transcripts/sample-interview.md': transcript };
}
