/**
 * Axial's import rules, checked by `npm run lint` (dependency-cruiser). See
 * ARCHITECTURE.md, "Layers and lint", for the picture and the reasons.
 */

/**
 * core's folders (and its root files diagnostics.ts and index.ts) from the bottom
 * up. A module may import its own folder and the folders of lower layers only, so
 * folders in one layer are independent of each other. Folders not listed here
 * (new ones) are free, but no listed folder may import them until they are placed.
 */
const CORE_LAYERS = [
  ['text'],
  ['diagnostics', 'edits'],
  ['codebook'],
  ['transcript', 'memos', 'importing'],
  ['project'],
  ['refactor'],
  ['features'],
  ['coding', 'suggest', 'tree', 'analysis'],
  ['codings'],
  ['agreement', 'diff', 'merge', 'refi', 'report'],
  ['query'],
];

/** A regex matching core's folder or root file `name`. */
const core = (names) => `^core/(${names.join('|')})(/|\\.ts$)`;

const layerRules = CORE_LAYERS.flatMap((layer, i) => {
  const below = CORE_LAYERS.slice(0, i).flat();
  return layer.map((name) => ({
    name: `core-layer-${name}`,
    comment: `core/${name} may import only ${below.length ? `core/{${below.join(',')}} and ` : ''}itself (ARCHITECTURE.md: Layers and lint).`,
    severity: 'error',
    from: { path: core([name]) },
    to: { path: '^core/', pathNot: core([...below, name]) },
  }));
});

/** Editor, LSP and process libraries core must not see (core purity). */
const EDITOR_LIBRARIES = '(^|/)node_modules/(@types/)?(vscode|vscode-languageserver[^/]*|vscode-languageclient|vscode-jsonrpc)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycle anywhere: a cycle means two modules that can only be understood together.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-pure-node',
      comment: 'core/ is pure: no Node built-ins (fs, child_process, net, os, path, …); host/ holds file access.',
      severity: 'error',
      from: { path: '^core/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-pure-editor',
      comment: 'core/ is pure: no editor, LSP connection or JSON-RPC library.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: EDITOR_LIBRARIES },
    },
    {
      name: 'core-pure-unresolvable',
      comment: "core/ imports only packages that resolve ('vscode' exists only inside the editor).",
      severity: 'error',
      from: { path: '^core/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'core-self-contained',
      comment: 'core/ imports nothing of server/, client/, cli/, host/ or common/.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(server|client|cli|host|common)/' },
    },
    {
      name: 'core-index-on-top',
      comment: "core/index.ts is the library's entry for the front ends; nothing inside core imports it.",
      severity: 'error',
      from: { path: '^core/', pathNot: '^core/index\\.ts$' },
      to: { path: '^core/index\\.ts$' },
    },
    ...layerRules,
    {
      name: 'core-through-entries',
      comment: "Outside core, import core only through its entries: core/index.ts or a folder's index.ts.",
      severity: 'error',
      from: { path: '^(server|client|cli|host|common)/' },
      to: { path: '^core/', pathNot: '^core/(index|[^/]+/index)\\.ts$' },
    },
    {
      name: 'client-not-server',
      comment: 'The client talks to the server only over the protocol (common/protocol.ts).',
      severity: 'error',
      from: { path: '^client/' },
      to: { path: '^(server|cli|host)/' },
    },
    {
      name: 'server-not-client',
      comment: 'The server never imports the client (the editor extension).',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^(client|cli)/' },
    },
    {
      name: 'cli-host-not-editor',
      comment: 'The CLI and host/ share core and Node file access, never the server or the client.',
      severity: 'error',
      from: { path: '^(cli|host)/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'host-not-cli',
      comment: 'host/ is shared by the server and the CLI, so it imports neither.',
      severity: 'error',
      from: { path: '^host/' },
      to: { path: '^(cli|server)/' },
    },
    {
      name: 'common-types-only',
      comment: "common/protocol.ts imports only types from core (erased at build time), so it stays importable everywhere.",
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'common-not-front-ends',
      comment: 'common/ sits below the client and the server.',
      severity: 'error',
      from: { path: '^common/' },
      to: { path: '^(server|client|cli|host)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: require('node:path').join(__dirname, 'tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    cache: false,
  },
};
