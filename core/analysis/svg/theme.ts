/**
 * Colours of the pictures. The SVG markup uses classes only (no inline styles, so a
 * strict Content-Security-Policy holds); a stylesheet maps the classes to colours.
 * In the editor the stylesheet uses VS Code's theme variables, so the pictures follow
 * the theme; an exported SVG embeds the same rules with concrete colours.
 */
export interface Palette {
  background: string;
  foreground: string;
  muted: string;
  border: string;
  card: string;
  heat: string;
  focus: string;
  font: string;
}

/** VS Code's theme variables, for the webview. */
export const THEME_PALETTE: Palette = {
  background: 'var(--vscode-editor-background)',
  foreground: 'var(--vscode-editor-foreground)',
  muted: 'var(--vscode-descriptionForeground)',
  border: 'var(--vscode-editorWidget-border, var(--vscode-panel-border, rgba(128, 128, 128, 0.35)))',
  card: 'var(--vscode-editorWidget-background, var(--vscode-editor-background))',
  heat: 'var(--vscode-charts-blue, #3794ff)',
  focus: 'var(--vscode-focusBorder, #0078d4)',
  font: 'var(--vscode-font-family, sans-serif)',
};

const EXPORT_FONT = "'Segoe UI', 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif";

/** Concrete colours for an exported picture, close to VS Code's default light and dark themes. */
export const LIGHT_PALETTE: Palette = {
  background: '#ffffff',
  foreground: '#1f1f1f',
  muted: '#616161',
  border: '#c8c8c8',
  card: '#f8f8f8',
  heat: '#1a85ff',
  focus: '#0078d4',
  font: EXPORT_FONT,
};

export const DARK_PALETTE: Palette = {
  background: '#1f1f1f',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  border: '#454545',
  card: '#252526',
  heat: '#3794ff',
  focus: '#0078d4',
  font: EXPORT_FONT,
};

/** The theme variables a webview reads to export with the colours it shows (see paletteFrom). */
export const PALETTE_VARIABLES: Record<Exclude<keyof Palette, 'font'>, string> = {
  background: '--vscode-editor-background',
  foreground: '--vscode-editor-foreground',
  muted: '--vscode-descriptionForeground',
  border: '--vscode-editorWidget-border',
  card: '--vscode-editorWidget-background',
  heat: '--vscode-charts-blue',
  focus: '--vscode-focusBorder',
};

const COLOR = /^(#[0-9a-f]{3,8}|rgba?\(\s*[\d.]+%?\s*,\s*[\d.]+%?\s*,\s*[\d.]+%?\s*(,\s*[\d.]+%?\s*)?\))$/i;

/**
 * A concrete palette from colours a webview computed (untrusted input): each value
 * that is a plain `#hex` or `rgb()`/`rgba()` colour replaces the fallback's.
 */
export function paletteFrom(colors: unknown, fallback: Palette): Palette {
  const p = { ...fallback };
  if (!colors || typeof colors !== 'object') return p;
  for (const key of Object.keys(PALETTE_VARIABLES) as (keyof typeof PALETTE_VARIABLES)[]) {
    const v = (colors as Record<string, unknown>)[key];
    if (typeof v === 'string' && COLOR.test(v.trim())) p[key] = v.trim();
  }
  return p;
}

/**
 * The stylesheet of the pictures' classes, for palette `p`, scoped to
 * `.axial-picture`; without the hover and focus rules when not `interactive`
 * (a static picture has nothing to click).
 */
export function pictureCss(p: Palette, interactive = true): string {
  const s = '.axial-picture';
  const rules = [
    `${s} { font-family: ${p.font}; }`,
    `${s} text { fill: ${p.foreground}; font-size: 13px; }`,
    `${s} .bg { fill: ${p.background}; }`,
    `${s} text.muted { fill: ${p.muted}; }`,
    `${s} text.small { font-size: 11.5px; }`,
    `${s} text.bold, ${s} tspan.bold { font-weight: 600; }`,
    `${s} text.title { font-size: 17px; font-weight: 600; }`,
    `${s} text.core { font-size: 16px; font-weight: 600; }`,
    `${s} text.head { font-size: 14px; font-weight: 600; }`,
    `${s} text.on-light { fill: #1e1e1e; }`,
    `${s} text.on-dark { fill: #ffffff; }`,
    `${s} text.on-heat { fill: ${p.background}; }`,
    `${s} text.deprecated { font-style: italic; fill: ${p.muted}; }`,
    `${s} .card { fill: ${p.card}; stroke: ${p.border}; stroke-width: 1; }`,
    `${s} .edge { fill: none; stroke: ${p.border}; stroke-width: 1.5; }`,
    `${s} .grid { fill: none; stroke: ${p.border}; stroke-width: 1; }`,
    `${s} .sep { stroke: ${p.muted}; stroke-width: 1.2; }`,
    `${s} .heat { fill: ${p.heat}; }`,
    `${s} .zero { fill: ${p.card}; }`,
    `${s} .gaps { fill: none; stroke: ${p.background}; stroke-width: 1; }`,
    `${s} .diag { fill: ${p.card}; stroke: ${p.muted}; stroke-width: 1; stroke-dasharray: 2 2; }`,
    `${s} .band { fill: ${p.foreground}; fill-opacity: 0.06; }`,
  ];
  if (!interactive) return rules.join('\n');
  return [
    ...rules,
    `${s} .hit { fill: transparent; stroke: none; }`,
    `${s} [data-key] { cursor: pointer; }`,
    `${s} [data-key]:hover .hit { stroke: ${p.focus}; stroke-width: 1.5; stroke-opacity: 0.6; }`,
    `${s} [data-key]:focus { outline: none; }`,
    `${s} [data-key]:focus .hit, ${s} [data-key].selected .hit { stroke: ${p.focus}; stroke-width: 2.5; stroke-opacity: 1; }`,
  ].join('\n');
}
