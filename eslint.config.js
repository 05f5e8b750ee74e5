// Lint: typescript-eslint's recommended rules, and the architecture's layers as dependency rules
// (eslint-plugin-boundaries: the rules run inside ESLint itself, so an editor, `npm run lint` and CI
// all refuse a wrong import the moment it is written; dependency-cruiser would be a second tool and
// a second report). typescript is pinned to 5.x because typescript-eslint needs its JS API.
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** The layers (docs/ARCHITECTURE.md): each may import only what its row names (and itself). */
const LAYERS = {
  contract: { pattern: 'contract/**', may: [] },
  lib: { pattern: 'lib/**', may: ['contract'] },
  workloads: { pattern: 'workloads/**', may: ['contract', 'lib'] },
  engine: { pattern: 'main/engine/**', may: ['contract', 'lib', 'workloads'] },
  /** how CoreScope's pages are served (files, types, CSP), by the dashboard server and the desktop scheme alike */
  web: { pattern: 'main/web/**', may: ['contract', 'lib'] },
  server: { pattern: 'main/server/**', may: ['contract', 'lib', 'engine', 'web'] },
  cli: { pattern: 'main/cli/**', may: ['contract', 'lib', 'engine', 'server', 'web'] },
  shell: { pattern: 'main/electron/**', may: ['contract', 'lib', 'engine', 'web'] },
  preload: { pattern: 'preload/**', may: ['contract'] },
  renderer: { pattern: 'renderer/**', may: ['contract', 'lib'] },
};
/** Only the Electron shell and the preload may import Electron; the page may import nothing of Node's. */
const ELECTRON_USERS = ['shell', 'preload'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'scratch/', 'test-results/', '.cache/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['contract/**', 'lib/**', 'workloads/**', 'main/**', 'preload/**', 'renderer/**'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': Object.entries(LAYERS).map(([type, { pattern }]) => ({ type, pattern, partialMatch: false })),
      'import/resolver': { typescript: { project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          checkAllOrigins: true,
          policies: [
            ...Object.entries(LAYERS).map(([type, { may }]) => ({
              from: { element: { type } },
              disallow: { to: { element: { types: { noneOf: [type, ...may] } } } },
            })),
            {
              from: { element: { types: { noneOf: ELECTRON_USERS } } },
              disallow: { to: { module: { origin: 'external', source: 'electron' } } },
            },
            {
              from: { element: { type: 'renderer' } },
              disallow: { to: { module: { origin: 'core' } } },
            },
          ],
        },
      ],
    },
  },
);
