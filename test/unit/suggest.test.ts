import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, parseTranscript, ProjectIndex, type Project } from '../../core';
import { analyzer, evaluateSuggestions, normalizeLanguage, rank, suggestActions, suggestCodes, SuggestModel, suggestTarget } from '../../core/suggest';
import { MAX_WORD } from '../../core/suggest/language';

/**
 * The local code-suggestion engine (core/suggest): stemming in English and
 * Spanish, ranking from the codebook and from coded quotes, explanations,
 * exclusions, incremental learning, leave-one-out evaluation, and the code
 * actions' edits (coding markup only: the stripped text never changes).
 */

const ROOT = 'file:///study';
const CODEBOOK = `${ROOT}/codebook.yaml`;
const uriOf = (path: string) => `${ROOT}/${path}`;
type Files = Record<string, string>;

function indexOf(files: Files): ProjectIndex {
  const index = new ProjectIndex();
  if (files['codebook.yaml'] !== undefined) index.setFile(CODEBOOK, files['codebook.yaml']);
  for (const [path, text] of Object.entries(files)) if (path !== 'codebook.yaml') index.setFile(uriOf(path), text);
  return index;
}

const projectOf = (files: Files): Project => indexOf(files).projectOf(CODEBOOK)!;
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

const CB = `version: 1
language: en
codes:
  relationship:
    kind: category
    name: The relationship
    definition: Trust, care, medication, money and sleep all at once.
  trust:
    parent: relationship
    name: Relational trust
    definition: The patient says they trust the therapist as a person.
    include:
      - Statements of trusting or relying on the therapist.
    exclude:
      - Trust in the therapist's professional competence (use expertise).
    examples:
      - I trusted her
    aliases: [confidence]
  expertise:
    parent: relationship
    name: Therapist as expert
    definition: The therapist is described as a competent professional who knows what to do.
    include:
      - Competence, knowledge, professional skill.
    aliases: [competence]
  medication:
    name: Medication
    definition: Pills, doses, prescriptions and side effects of the medicine.
    aliases: [pills]
  sleep:
    name: Sleep problems
    definition: Insomnia, nightmares, waking at night, being tired in the morning.
  old-trust:
    status: deprecated
    replaced_by: trust
    name: Trust (old)
    definition: Trusting trusted trust trusts.
  money:
    name: Money worries
    definition: Debt, rent, bills and not having enough money.
`;

const PATIENT = `---
case: A
speakers:
  I: Interviewer
  P: Patient
---
I: How was it with her?
P: {{I trusted her from the first day.}}{#trust} She never judged me.
I: And the treatment?
P: {{The pills made me dizzy so I skipped a dose.}}{#medication}
P: {{I could not pay the rent that winter.}}{#money}
P: {{I woke up at four every night with nightmares.}}{#sleep}
P: {{She knew exactly what she was doing, a real professional.}}{#expertise}
P: {{Honestly I relied on her completely, like family.}}{#old-trust}
`;

describe('suggestions: language', () => {
  it(`skips "words" longer than ${MAX_WORD} letters (the stemmer backtracks on them: a 2 MB one hung the server)`, () => {
    const long = 'x'.repeat(200_000) + 'sses';
    const words = analyzer('en').tokens(`trusting ${long} therapists`).map((t) => t.surface);
    assert.deepEqual(words, ['trusting', 'therapists']);
    assert.equal(analyzer('en').stem(long), long);
    // The longest dictionary words are still words.
    assert.deepEqual(analyzer('de').tokens('Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz').length, 1);
  });

  it('English: Porter2 stems, stop words and interview fillers removed', () => {
    const toks = analyzer('en').tokens('The therapists were trusting, um, and caring; she’s generously TRUSTED.');
    assert.deepEqual(
      toks.map((t) => t.stem),
      ['therapist', 'trust', 'care', 'generous', 'trust'],
    );
    assert.equal(toks[1].surface, 'trusting');
  });

  it('Spanish: Snowball stems conflate inflections; Spanish stop words removed', () => {
    const es = analyzer('es');
    const stems = es.tokens('Las terapeutas y la relación; hablábamos de las relaciones con el terapeuta').map((t) => t.stem);
    assert.deepEqual(stems, ['terapeut', 'relacion', 'habl', 'relacion', 'terapeut']);
    assert.equal(es.stem('hablar'), es.stem('hablábamos'));
    // Content words a generic stop list would drop are kept for interviews.
    assert.ok(es.tokens('nunca hubo trabajo').some((t) => t.surface === 'trabajo'));
  });

  it('language tags and names normalise; unknown languages match words as written', () => {
    assert.equal(normalizeLanguage('es-CL'), 'es');
    assert.equal(normalizeLanguage('Spanish'), 'es');
    assert.equal(normalizeLanguage('EN_gb'), 'en');
    assert.equal(normalizeLanguage(undefined), 'en');
    assert.deepEqual(analyzer('xx').tokens('Kävelimme kotiin').map((t) => t.stem), ['kävelimme', 'kotiin']);
  });

  it('a Spanish codebook: inflected forms meet through stemming, and not without it', () => {
    const cb = (lang: string) => `version: 1
language: ${lang}
codes:
  confianza:
    name: Confianza en la terapeuta
    definition: La paciente confía en su terapeuta.
  medicamentos:
    name: Medicamentos
    definition: Pastillas, dosis y recetas.
`;
    const t = 'P: {{Confiaba plenamente en mi terapeuta.}}{#confianza}\nP: {{Las pastillas me mareaban.}}{#medicamentos}\n';
    const query = 'Yo confío en las terapeutas';
    const es = projectOf({ 'codebook.yaml': cb('es'), 'transcripts/t.md': t });
    const [top] = suggestCodes(es, query);
    assert.equal(top.id, 'confianza');
    assert.ok(top.terms.includes('terapeutas') && top.terms.includes('confío'), JSON.stringify(top.terms));
    // Unstemmed (a language Axial does not stem), "terapeutas" and "confío" match nothing.
    const xx = suggestCodes(projectOf({ 'codebook.yaml': cb('xx'), 'transcripts/t.md': t }), query, { limit: 10 });
    assert.ok(xx.every((s) => !s.terms.includes('terapeutas') && !s.terms.includes('confío')), JSON.stringify(xx.map((s) => s.terms)));
  });

  it("the front matter's language overrides the codebook's for that transcript's quotes and passages", () => {
    const cb = `version: 1\nlanguage: en\ncodes:\n  conversar:\n    name: Conversar\n  cuidar:\n    name: Cuidado\n`;
    const es = `---\nlanguage: es\n---\nP: {{Hablábamos mucho en las sesiones.}}{#conversar}\nP: {{Ella me cuidaba como una madre.}}{#cuidar}\n`;
    const index = indexOf({ 'codebook.yaml': cb, 'transcripts/es.md': es + 'P: Hablar con ella me ayudó.\n' });
    const uri = uriOf('transcripts/es.md');
    const text = index.entry(uri)!.transcript.text;
    const at = text.indexOf('Hablar con ella');
    const actions = suggestActions(index, uri, { start: at, end: at });
    assert.equal(actions[0]?.suggestion.id, 'conversar', JSON.stringify(actions.map((a) => a.title)));
    // Analysed in English instead, "hablar" and "hablábamos" would not meet.
    const project = index.projectOf(uri)!;
    assert.equal(suggestCodes(project, 'Hablar con ella', { language: 'en' }).find((s) => s.id === 'conversar'), undefined);
  });
});

describe('suggestions: ranking and explanations', () => {
  const project = projectOf({ 'codebook.yaml': CB, 'transcripts/patient.md': PATIENT });

  it('ranks the clearly right code first, from codebook text and coded quotes', () => {
    const cases: [string, string][] = [
      ['I really trusted my therapist', 'trust'],
      ['she increased the dose of my pills', 'medication'],
      ['I kept waking up at night, exhausted in the morning', 'sleep'],
      ['the bills piled up and we had debt', 'money'],
      ['she was so competent, she knew what to do', 'expertise'],
    ];
    for (const [text, want] of cases) assert.equal(suggestCodes(project, text)[0]?.id, want, text);
  });

  it('returns at most the limit, best first, and nothing for a passage with no known word', () => {
    const s = suggestCodes(project, 'pills and nightmares and rent and trust', { limit: 3 });
    assert.ok(s.length <= 3 && s.length > 0);
    for (let i = 1; i < s.length; i++) assert.ok(s[i - 1].score >= s[i].score);
    assert.deepEqual(suggestCodes(project, 'Zyxx qwop'), []);
    assert.deepEqual(suggestCodes(project, 'the and of it'), []);
  });

  it('says why: the matched words, and the closest coded quote with file:line', () => {
    const [top] = suggestCodes(project, 'The pills gave me headaches');
    assert.equal(top.id, 'medication');
    assert.ok(top.terms.includes('pills'), JSON.stringify(top));
    assert.ok(top.codebookTerms.includes('pills'));
    assert.equal(top.nearest?.path, 'transcripts/patient.md');
    assert.equal(top.nearest?.line, 10);
    assert.match(top.nearest!.quote, /The pills made me dizzy/);
    assert.match(top.why, /“pills” in the codebook/);
    assert.match(top.why, /closest: “The pills made me dizzy.*” \(transcripts\/patient\.md:10\)/);
  });

  it('learns words from coded quotes that the codebook never uses', () => {
    // "dizzy" and "skipped" are only in the quote coded #medication.
    const [top] = suggestCodes(project, 'I felt dizzy and skipped it');
    assert.equal(top.id, 'medication');
    assert.match(top.why, /in its coded quotes/);
    assert.deepEqual(top.codebookTerms, []);
  });

  it('never suggests categories or deprecated codes; deprecated tags teach their replacement', () => {
    // The category's definition and the deprecated code's definition match these words best.
    const all = suggestCodes(project, 'trust care medication money sleep trusting trusted', { limit: 50 });
    assert.ok(!ids(all).includes('relationship'));
    assert.ok(!ids(all).includes('old-trust'));
    // "relied … like family" is only in a span tagged with the deprecated id.
    assert.equal(suggestCodes(project, 'I relied on her like family')[0]?.id, 'trust');
  });

  it('exclude criteria penalise a code', () => {
    const query = 'I trust her professional competence';
    const withExclude = suggestCodes(project, query, { limit: 10 }).find((s) => s.id === 'trust');
    const without = suggestCodes(project, query, { limit: 10, weights: { exclude: 0 } }).find((s) => s.id === 'trust');
    assert.ok(without, 'trust should be a candidate');
    assert.ok(!withExclude || withExclude.score < without.score);
  });

  it('skips codes it is told to (those already on a span)', () => {
    assert.ok(!ids(suggestCodes(project, 'I trusted her', { skip: ['trust'] })).includes('trust'));
  });
});

describe('suggestions: learning incrementally', () => {
  it('a new coded span is learned after one setFile, and forgotten when the file goes', () => {
    const index = indexOf({ 'codebook.yaml': CB, 'transcripts/patient.md': PATIENT });
    const project = index.projectOf(CODEBOOK)!;
    const query = 'the landlord evicted us';
    assert.notEqual(suggestCodes(project, query)[0]?.id, 'money');
    index.setFile(uriOf('transcripts/new.md'), 'P: {{The landlord evicted us in May.}}{#money}\n');
    assert.equal(suggestCodes(project, query)[0]?.id, 'money');
    index.deleteFile(uriOf('transcripts/new.md'));
    assert.notEqual(suggestCodes(project, query)[0]?.id, 'money');
  });

  it('incremental equals rebuild: after any edits, a fresh model ranks exactly the same', () => {
    const line = fc.constantFrom(
      'P: {{I trusted her.}}{#trust}',
      'P: {{The pills and the dose.}}{#medication}',
      'P: {{Rent and debt and bills.}}{#money #old-trust}',
      'P: {{Nightmares at night.}}{#sleep}',
      'P: {{She is a professional.}}{#expertise}',
      'P: {{Dizzy, tired.}}{#unknown-code}',
      'P: plain talk about pills and trust',
    );
    const file = fc.array(line, { maxLength: 5 }).map((ls) => ls.join('\n') + '\n');
    const step = fc.record({ path: fc.constantFrom('transcripts/a.md', 'transcripts/b.md', 'transcripts/c.md'), text: fc.option(file, { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.constantFrom('trust pills', 'tired at night', 'professional debt'), (steps, query) => {
        const index = indexOf({ 'codebook.yaml': CB });
        const project = index.projectOf(CODEBOOK)!;
        const files: Files = { 'codebook.yaml': CB };
        for (const s of steps) {
          if (s.text === undefined) {
            index.deleteFile(uriOf(s.path));
            delete files[s.path];
          } else {
            index.setFile(uriOf(s.path), s.text);
            files[s.path] = s.text;
          }
          suggestCodes(project, query); // the model syncs along the way
        }
        const strip = (xs: ReturnType<typeof suggestCodes>) => xs.map((x) => ({ ...x, score: x.score.toFixed(9), profile: x.profile.toFixed(9), learned: x.learned.toFixed(9) }));
        assert.deepEqual(strip(suggestCodes(project, query, { limit: 10 })), strip(rank(syncedFresh(projectOf(files)), query, { limit: 10 })));
      }),
      { numRuns: 60 },
    );
  });
});

function syncedFresh(project: Project): SuggestModel {
  const m = new SuggestModel();
  m.sync(project);
  return m;
}

describe('suggestions: leave-one-out evaluation', () => {
  it('hides the held-out span: it is never its own nearest quote, and rates are in [0, 1]', () => {
    const files: Files = { 'codebook.yaml': CB, 'transcripts/patient.md': PATIENT };
    const project = projectOf(files);
    const model = syncedFresh(project);
    for (const d of model.allDocs()) {
      const got = rank(model, d.quote, { hide: { uri: d.uri, spanIndex: d.spanIndex }, limit: 10 });
      for (const s of got) assert.ok(!(s.nearest?.uri === d.uri && s.nearest.line === d.line), `${d.quote} found itself`);
    }
    const e = evaluateSuggestions(project);
    assert.equal(e.evaluated, 6);
    for (const r of Object.values(e.rates)) assert.ok(r >= 0 && r <= 1);
    assert.ok(e.top1 <= e.top3 && e.top3 <= e.evaluated);
  });

  it('strict mode hides codebook examples quoted by the held-out span', () => {
    // Only the codebook example "she held my hand" links this wording to #trust.
    const cb = CB.replace('- I trusted her', '- she held my hand');
    const files: Files = { 'codebook.yaml': cb, 'transcripts/p.md': 'P: {{She held my hand}}{#trust}\n' };
    const project = projectOf(files);
    const strict = evaluateSuggestions(project, { strict: true });
    const lenient = evaluateSuggestions(project, { strict: false });
    assert.equal(lenient.top1, 1);
    assert.equal(strict.top1, 0);
  });

  it('beats the most-frequent-code baseline on a project where words tell codes apart', () => {
    const lines: string[] = [];
    const topics: [string, string[]][] = [
      ['medication', ['pills', 'dose', 'prescription', 'dizzy']],
      ['sleep', ['nightmares', 'insomnia', 'night', 'tired']],
      ['money', ['rent', 'debt', 'bills', 'salary']],
    ];
    for (let i = 0; i < 30; i++) {
      const [id, words] = topics[i % 3];
      lines.push(`P: {{I talked about ${words[i % 4]} and ${words[(i + 1) % 4]} again.}}{#${id}}`);
    }
    const e = evaluateSuggestions(projectOf({ 'codebook.yaml': CB, 'transcripts/t.md': lines.join('\n') + '\n' }));
    assert.equal(e.evaluated, 30);
    assert.ok(e.rates.top1 > 0.9, JSON.stringify(e));
    assert.ok(e.rates.top1 > e.rates.baselineTop1);
  });
});

describe('suggestions: code actions and their edits', () => {
  const files: Files = {
    'codebook.yaml': CB,
    'transcripts/patient.md':
      PATIENT + 'P: Honestly, the pills were the worst part of it.\nP: {{The rent money went on pills.}}{#money}\nP: Some nights I could not sleep at all, nightmares again.\r\nI: Thanks.\n',
  };
  const index = indexOf(files);
  const uri = uriOf('transcripts/patient.md');
  const text = files['transcripts/patient.md'];
  const apply = (edits: { range: { start: number; end: number }; newText: string }[]) => applyEdits(text, edits);
  const strippedOf = (t: string) => parseTranscript(t).stripped.text;

  it('on a selection: wraps the trimmed selection as a span with the code, titled "Suggest: name (id)"', () => {
    const start = text.indexOf(' the pills were the worst part');
    const actions = suggestActions(index, uri, { start, end: start + ' the pills were the worst part '.length });
    assert.ok(actions.length >= 1 && actions.length <= 3);
    for (const a of actions) assert.match(a.title, /^Suggest: .+ \([\w.-]+\) — .+/);
    const a = actions[0];
    assert.equal(a.target, 'selection');
    const after = apply(a.edits.map((e) => ({ range: e.range, newText: e.newText })));
    assert.equal(a.suggestion.id, 'medication');
    assert.ok(after.includes('P: Honestly, {{the pills were the worst part}}{#medication} of it.\n'), after);
    assert.equal(strippedOf(after), strippedOf(text));
  });

  it('a selection from the start of a line leaves the speaker label out of the span', () => {
    const line = 'P: Honestly, the pills were the worst part of it.';
    const start = text.indexOf(line);
    const [a] = suggestActions(index, uri, { start, end: start + line.length });
    assert.ok(apply(a.edits).includes(`P: {{Honestly, the pills were the worst part of it.}}{#${a.suggestion.id}}\n`));
  });

  it('with the cursor in a turn: wraps the turn after "LABEL: " to its end, trimmed (CRLF kept)', () => {
    const at = text.indexOf('could not sleep');
    const [a] = suggestActions(index, uri, { start: at, end: at });
    assert.equal(a.target, 'turn');
    assert.equal(a.suggestion.id, 'sleep');
    const after = apply(a.edits);
    assert.ok(after.includes('P: {{Some nights I could not sleep at all, nightmares again.}}{#sleep}\r\nI: Thanks.'), after);
    assert.equal(strippedOf(after), strippedOf(text));
  });

  it('on a selection that is exactly a span: adds the code to its first block, and does not suggest codes it has', () => {
    const content = 'The rent money went on pills.';
    const start = text.indexOf(content);
    for (const range of [
      { start, end: start + content.length },
      { start: start - 2, end: start + content.length + '}}{#money}'.length },
    ]) {
      const actions = suggestActions(index, uri, range);
      assert.ok(actions.length > 0);
      assert.ok(!actions.some((a) => a.suggestion.id === 'money'));
      const a = actions[0];
      assert.equal(a.target, 'span');
      const after = apply(a.edits);
      assert.ok(after.includes(`{{${content}}}{#money #${a.suggestion.id}}`), after);
      assert.equal(strippedOf(after), strippedOf(text));
    }
  });

  it('offers nothing where an edit could break the coding: a selection across a span boundary, in markup, or in front matter', () => {
    const a = text.indexOf('rent that winter');
    const b = text.indexOf('I woke up');
    assert.deepEqual(suggestActions(index, uri, { start: a, end: b + 4 }), []);
    const tag = text.indexOf('#money');
    assert.deepEqual(suggestActions(index, uri, { start: tag, end: tag + 4 }), []);
    assert.deepEqual(suggestActions(index, uri, { start: 4, end: 10 }), []);
    // A cursor outside any turn (the front matter) has no passage.
    assert.equal(suggestTarget(index.entry(uri)!.transcript, { start: 5, end: 5 }), undefined);
  });

  it('property: on any transcript and any range, every action changes coding markup only', () => {
    const word = fc.constantFrom('I', 'trusted', 'pills', 'rent', 'nightmares', 'relación', 'e\u0301', '😀', ',', ' ', '  ', '\\{', '\\}', '\\\\', '{', '}');
    const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const block = fc.array(fc.constantFrom('#trust', '#money', '#sleep', '#old-trust', '#nope', '@CA', '"memo"', '^a'), { maxLength: 3 }).map((x) => `{${x.join(' ')}}`);
    const piece: fc.Arbitrary<string> = fc.letrec<{ piece: string; span: string }>((tie) => ({
      piece: fc.oneof(
        { weight: 4, arbitrary: words },
        { weight: 3, arbitrary: tie('span') },
        { weight: 1, arbitrary: fc.constantFrom('\nP: ', '\r\nI: ', '\n', '{{', '}}', '{{^a ', '}}{^a #money}', '{{x}}{#trust\n') },
      ),
      span: fc.tuple(fc.array(tie('piece'), { minLength: 1, maxLength: 3 }), fc.array(block, { minLength: 0, maxLength: 2 })).map(([inner, blocks]) => `{{${inner.join(' ')}}}${blocks.join('')}`),
    })).piece;
    const transcript = fc.array(piece, { minLength: 1, maxLength: 10 }).map((ps) => 'P: ' + ps.join(' ') + '\n');
    let applied = 0;
    fc.assert(
      fc.property(transcript, fc.nat(), fc.nat(), (body, i, j) => {
        const idx = indexOf({ 'codebook.yaml': CB, 'transcripts/patient.md': PATIENT, 'transcripts/x.md': body });
        const u = uriOf('transcripts/x.md');
        const start = i % (body.length + 1);
        const end = Math.min(body.length, start + (j % 40));
        for (const a of suggestActions(idx, u, { start, end })) {
          applied++;
          const after = applyEdits(body, a.edits);
          assert.equal(strippedOf(after), strippedOf(body), `${a.title} on ${JSON.stringify(body)} [${start}, ${end})`);
          const turns = (x: string) => parseTranscript(x).turns.map((t) => t.speaker).join();
          assert.equal(turns(after), turns(body), `${a.title} moved a speaker turn`);
          assert.ok(after.length > body.length);
        }
      }),
      { numRuns: 400 },
    );
    assert.ok(applied > 50, `only ${applied} actions were exercised`);
  });
});
