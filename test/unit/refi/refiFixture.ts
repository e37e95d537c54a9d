/**
 * REFI-QDA project XML written the way other tools write it, for import tests:
 * a compact description in, a `project.qde` text out. GUIDs are made from the
 * short names given (`g('joy')`), so tests can refer to them.
 */

/** A GUID made from a short name (stable, valid). */
export function g(name: string): string {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.codePointAt(0)!) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}0000`;
}

export interface FxCode {
  name: string;
  codable?: boolean;
  description?: string;
  children?: FxCode[];
  notes?: string[];
}

export interface FxSelection {
  start: number;
  end: number;
  name?: string;
  user?: string;
  codings: { code: string; user?: string }[];
  notes?: string[];
}

export interface FxSource {
  name: string;
  /** plainTextPath as written; or `content` for inline PlainTextContent. */
  plainTextPath?: string;
  richTextPath?: string;
  content?: string;
  selections?: FxSelection[];
  values?: Record<string, string>;
}

export interface FxProject {
  users?: { name: string; id?: string }[];
  codes: FxCode[];
  sources?: FxSource[];
  cases?: { name: string; sources: string[]; values?: Record<string, string> }[];
  variables?: { name: string; type: string }[];
  notes?: { key: string; name: string; text: string; user?: string }[];
  sets?: { name: string; description?: string; codes: string[] }[];
  /** A namespace prefix for every element (`qda:`), as some tools write. */
  prefix?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\r/g, '&#xD;').replace(/\n/g, '&#xA;');
const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r/g, '&#xD;');

/** The project XML. */
export function projectXml(p: FxProject): string {
  const P = p.prefix ?? '';
  const t = (name: string) => `${P}${name}`;
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>', `<${t('Project')} ${P ? `xmlns:${P.slice(0, -1)}` : 'xmlns'}="urn:QDA-XML:project:1.0" name="Fixture" origin="Test tool">`];
  if (p.users?.length) {
    out.push(`<${t('Users')}>`);
    for (const u of p.users) out.push(`<${t('User')} guid="${g('user:' + u.name)}" name="${esc(u.name)}"${u.id ? ` id="${esc(u.id)}"` : ''}/>`);
    out.push(`</${t('Users')}>`);
  }
  const code = (c: FxCode): string =>
    `<${t('Code')} guid="${g('code:' + c.name)}" name="${esc(c.name)}" isCodable="${c.codable === false ? 'false' : 'true'}">` +
    (c.description !== undefined ? `<${t('Description')}>${escText(c.description)}</${t('Description')}>` : '') +
    (c.notes ?? []).map((n) => `<${t('NoteRef')} targetGUID="${g('note:' + n)}"/>`).join('') +
    (c.children ?? []).map(code).join('') +
    `</${t('Code')}>`;
  out.push(`<${t('CodeBook')}><${t('Codes')}>${p.codes.map(code).join('')}</${t('Codes')}></${t('CodeBook')}>`);
  if (p.variables?.length) out.push(`<${t('Variables')}>${p.variables.map((v) => `<${t('Variable')} guid="${g('var:' + v.name)}" name="${esc(v.name)}" typeOfVariable="${v.type}"/>`).join('')}</${t('Variables')}>`);
  const values = (vals: Record<string, string> | undefined) =>
    Object.entries(vals ?? {})
      .map(([k, v]) => {
        const type = p.variables?.find((x) => x.name === k)?.type ?? 'Text';
        return `<${t('VariableValue')}><${t('VariableRef')} targetGUID="${g('var:' + k)}"/><${t(type + 'Value')}>${escText(v)}</${t(type + 'Value')}></${t('VariableValue')}>`;
      })
      .join('');
  if (p.cases?.length) out.push(`<${t('Cases')}>${p.cases.map((c) => `<${t('Case')} guid="${g('case:' + c.name)}" name="${esc(c.name)}">${values(c.values)}${c.sources.map((s) => `<${t('SourceRef')} targetGUID="${g('source:' + s)}"/>`).join('')}</${t('Case')}>`).join('')}</${t('Cases')}>`);
  if (p.sources?.length) {
    out.push(`<${t('Sources')}>`);
    for (const s of p.sources) {
      const attrs = [`guid="${g('source:' + s.name)}"`, `name="${esc(s.name)}"`];
      if (s.plainTextPath !== undefined) attrs.push(`plainTextPath="${esc(s.plainTextPath)}"`);
      if (s.richTextPath !== undefined) attrs.push(`richTextPath="${esc(s.richTextPath)}"`);
      out.push(`<${t('TextSource')} ${attrs.join(' ')}>`);
      if (s.content !== undefined) out.push(`<${t('PlainTextContent')}>${escText(s.content)}</${t('PlainTextContent')}>`);
      (s.selections ?? []).forEach((sel, i) => {
        const a = [`guid="${g(`sel:${s.name}:${i}`)}"`, `startPosition="${sel.start}"`, `endPosition="${sel.end}"`];
        if (sel.name !== undefined) a.push(`name="${esc(sel.name)}"`);
        if (sel.user) a.push(`creatingUser="${g('user:' + sel.user)}"`);
        out.push(`<${t('PlainTextSelection')} ${a.join(' ')}>`);
        sel.codings.forEach((c, k) => out.push(`<${t('Coding')} guid="${g(`coding:${s.name}:${i}:${k}`)}"${c.user ? ` creatingUser="${g('user:' + c.user)}"` : ''}><${t('CodeRef')} targetGUID="${g('code:' + c.code)}"/></${t('Coding')}>`));
        for (const n of sel.notes ?? []) out.push(`<${t('NoteRef')} targetGUID="${g('note:' + n)}"/>`);
        out.push(`</${t('PlainTextSelection')}>`);
      });
      out.push(values(s.values));
      out.push(`</${t('TextSource')}>`);
    }
    out.push(`</${t('Sources')}>`);
  }
  if (p.notes?.length) out.push(`<${t('Notes')}>${p.notes.map((n) => `<${t('Note')} guid="${g('note:' + n.key)}" name="${esc(n.name)}"${n.user ? ` creatingUser="${g('user:' + n.user)}"` : ''}><${t('PlainTextContent')}>${escText(n.text)}</${t('PlainTextContent')}></${t('Note')}>`).join('')}</${t('Notes')}>`);
  if (p.sets?.length) out.push(`<${t('Sets')}>${p.sets.map((s) => `<${t('Set')} guid="${g('set:' + s.name)}" name="${esc(s.name)}">${s.description !== undefined ? `<${t('Description')}>${escText(s.description)}</${t('Description')}>` : ''}${s.codes.map((c) => `<${t('MemberCode')} targetGUID="${g('code:' + c)}"/>`).join('')}</${t('Set')}>`).join('')}</${t('Sets')}>`);
  out.push(`</${t('Project')}>`);
  return out.join('\n') + '\n';
}
