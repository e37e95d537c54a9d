/**
 * `axial agree` output: a table for the terminal, Markdown for a pull request or
 * a wiki, and JSON for scripts. Undefined statistics print as "—" (text, md) or
 * null with a reason (json), never NaN.
 */
import type { AgreementFigures, AgreementReport, SkippedFile, Statistic } from '../core/agreement';

/** Everything printed: the report and the transcripts skipped for errors. */
export interface AgreeOutput {
  report: AgreementReport;
  skipped: SkippedFile[];
}

/** Krippendorff's rule of thumb: α ≥ 0.8 reliable, ≥ 0.667 tentative conclusions only. */
const GOOD = 0.8;
const TENTATIVE = 0.667;

/** The JSON shape: statistics as numbers (percent as a fraction 0–1) or null with `reasons`. */
export function agreeJson(out: AgreeOutput): unknown {
  const { report } = out;
  return {
    unit: report.unit,
    coders: report.coders,
    files: report.files,
    notCompared: report.notCompared,
    skipped: out.skipped,
    overall: figuresJson(report.overall),
    codes: report.codes.map((c) => ({ code: c.code, ...figuresJson(c) })),
    disagreements: report.disagreements.map((d) => ({
      file: d.file,
      line: d.line,
      code: d.code,
      coders: { marked: d.marked, unmarked: d.unmarked },
      codes: d.codes,
      quote: d.quote,
      units: d.units,
    })),
  };
}

function figuresJson(f: AgreementFigures): Record<string, unknown> {
  const reasons: Record<string, string> = {};
  const v = (name: string, s: Statistic) => {
    if (s.value === null) reasons[name] = s.reason;
    return s.value;
  };
  const out: Record<string, unknown> = {
    percent: v('percent', f.percent),
    kappa: v('kappa', f.kappa),
    alpha: v('alpha', f.alpha),
    units: f.units,
    marked: f.marked,
    pairs: f.pairs.map((p) => ({ coders: p.coders, percent: p.percent.value, kappa: p.kappa.value, alpha: p.alpha.value })),
  };
  if (Object.keys(reasons).length > 0) out.reasons = reasons;
  return out;
}

/** Colours for the terminal; identity functions when colour is off. */
export interface Paint {
  good(s: string): string;
  warn(s: string): string;
  bad(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** ANSI colours when `on`, plain text otherwise. */
export function paint(on: boolean): Paint {
  const wrap = (code: number, reset: number) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[${reset}m` : s);
  return { good: wrap(32, 39), warn: wrap(33, 39), bad: wrap(31, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}

/** The terminal report: a table of codes with their statistics, the pairs, the notes, then every disagreement. */
export function agreeText(out: AgreeOutput, p: Paint): string {
  const { report } = out;
  const lines: string[] = [];
  lines.push(p.bold(`Agreement of ${report.coders.join(', ')} on ${plural(report.files.length, 'transcript')} (unit: ${report.unit})`));
  lines.push('');
  const header = ['code', 'units', ...report.coders, 'percent', 'kappa', 'alpha'];
  const notes = new Map<string, number>();
  const cell = (s: Statistic, digits = true): string => {
    if (s.value !== null) return digits ? s.value.toFixed(3) : `${(s.value * 100).toFixed(1)}%`;
    if (!notes.has(s.reason)) notes.set(s.reason, notes.size + 1);
    return `—${sup(notes.get(s.reason)!)}`;
  };
  function row(name: string, f: AgreementFigures): string[] {
    return [name, String(f.units), ...report.coders.map((c) => String(f.marked[c] ?? 0)), cell(f.percent, false), cell(f.kappa), cell(f.alpha)];
  }
  const rows: string[][] = report.codes.map((c) => row(c.code, c));
  rows.push(row('overall', report.overall));
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[], colourAlpha: boolean) =>
    r
      .map((c, i) => {
        const padded = i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]);
        if (!colourAlpha || i !== r.length - 1) return padded;
        const n = Number(c);
        return Number.isNaN(n) ? p.dim(padded) : n >= GOOD ? p.good(padded) : n >= TENTATIVE ? p.warn(padded) : p.bad(padded);
      })
      .join('  ')
      .trimEnd();
  lines.push(p.dim(fmt(header, false)));
  rows.forEach((r, i) => {
    if (i === rows.length - 1) lines.push(p.dim('-'.repeat(widths.reduce((s, w) => s + w + 2, -2))));
    lines.push(fmt(r, true));
  });
  if (report.coders.length > 2) {
    lines.push('', p.bold('Pairs (overall)'));
    for (const pair of report.overall.pairs) lines.push(`  ${pair.coders.join(' × ')}: percent ${cell(pair.percent, false)}, kappa ${cell(pair.kappa)}, alpha ${cell(pair.alpha)}`);
  }
  if (notes.size > 0) {
    lines.push('');
    for (const [reason, n] of notes) lines.push(p.dim(`${sup(n)} undefined: ${reason}`));
  }
  if (report.notCompared.length > 0) {
    lines.push('', p.bold('Not compared'));
    for (const s of report.notCompared) lines.push(`  ${s.file}: ${s.reason}`);
  }
  lines.push('', p.bold(report.disagreements.length === 0 ? 'No disagreements.' : `Disagreements (${report.disagreements.length})`));
  let code = '';
  for (const d of report.disagreements) {
    if (d.code !== code) {
      code = d.code;
      lines.push(`  ${p.bold(code)}`);
    }
    const others = d.unmarked.map((c) => `${c}: ${d.codes[c].length > 0 ? d.codes[c].join(', ') : 'nothing'}`).join('; ');
    lines.push(`    ${d.file}:${d.line}  ${d.marked.join(', ')} marked it, ${d.unmarked.join(', ')} did not (${others})  ${p.dim(`"${d.quote}"`)}`);
  }
  return lines.join('\n') + '\n';
}

/** Markdown for a pull request or a wiki: the table, then the disagreements as a list. */
export function agreeMarkdown(out: AgreeOutput): string {
  const { report } = out;
  const lines: string[] = [];
  lines.push(`**Agreement** of ${report.coders.map(md).join(', ')} on ${plural(report.files.length, 'transcript')} (unit: ${report.unit})`, '');
  lines.push(`| code | units | ${report.coders.map(md).join(' | ')} | percent | kappa | alpha |`);
  lines.push(`|---|--:|${report.coders.map(() => '--:').join('|')}|--:|--:|--:|`);
  const notes = new Map<string, number>();
  const cell = (s: Statistic, digits = true): string => {
    if (s.value !== null) return digits ? s.value.toFixed(3) : `${(s.value * 100).toFixed(1)}%`;
    if (!notes.has(s.reason)) notes.set(s.reason, notes.size + 1);
    return `—${sup(notes.get(s.reason)!)}`;
  };
  const row = (name: string, f: AgreementFigures) =>
    `| ${name} | ${f.units} | ${report.coders.map((c) => f.marked[c] ?? 0).join(' | ')} | ${cell(f.percent, false)} | ${cell(f.kappa)} | ${cell(f.alpha)} |`;
  for (const c of report.codes) lines.push(row(`\`${c.code}\``, c));
  lines.push(row('**overall**', report.overall));
  if (notes.size > 0) {
    lines.push('');
    for (const [reason, n] of notes) lines.push(`${sup(n)} undefined: ${md(reason)}  `);
  }
  if (report.coders.length > 2) {
    lines.push('', '| pair | percent | kappa | alpha |', '|---|--:|--:|--:|');
    for (const pair of report.overall.pairs) lines.push(`| ${pair.coders.map(md).join(' × ')} | ${cell(pair.percent, false)} | ${cell(pair.kappa)} | ${cell(pair.alpha)} |`);
  }
  if (report.notCompared.length > 0 || out.skipped.length > 0) {
    lines.push('');
    for (const s of report.notCompared) lines.push(`- not compared: \`${s.file}\` (${md(s.reason)})`);
    for (const s of out.skipped) lines.push(`- skipped: \`${s.file}\` (${md(s.reason)})`);
  }
  lines.push('', report.disagreements.length === 0 ? 'No disagreements.' : `**Disagreements** (${report.disagreements.length})`, '');
  for (const d of report.disagreements) {
    const others = d.unmarked.map((c) => `${md(c)}: ${d.codes[c].length > 0 ? d.codes[c].map((x) => `\`${x}\``).join(', ') : 'nothing'}`).join('; ');
    lines.push(`- \`${d.code}\` — \`${d.file}:${d.line}\` — ${d.marked.map(md).join(', ')} marked it, ${d.unmarked.map(md).join(', ')} did not (${others}): “${md(d.quote)}”`);
  }
  return lines.join('\n') + '\n';
}

/** Escapes what Markdown would read as markup in a table or list. */
function md(s: string): string {
  return s.replace(/[\\`*_[\]|<>#]/g, (c) => `\\${c}`);
}

function sup(n: number): string {
  return String(n)
    .split('')
    .map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)])
    .join('');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
