// Lint: typescript-eslint's recommended rules over the whole project (typescript is pinned to 5.x
// because typescript-eslint needs the TypeScript JS API, which the 7.x native compiler doesn't ship).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'scratch/', 'test-results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
