// Flat config: typescript-eslint's type-aware rules on every TypeScript file.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The rooms of functions/ (docs/architecture.md): a bounded context imports only itself and
 * shared/; shared/ imports no context; lib/ builds infrastructure and imports no handler
 * code (only the settings schema it checks at synth). Relative paths are caught as well as
 * the `#functions/` alias, by the folder names of the other rooms.
 */
const CONTEXTS = ['intake', 'csi', 'deliverability', 'follow-up', 'reporting', 'platform', 'nps'];
const message = 'A context imports only itself and #shared (docs/architecture.md).';
const outside = (...allowed) => {
  const others = CONTEXTS.filter((room) => !allowed.includes(room)).join('|');
  return {
    patterns: [
      { regex: `^#functions/(?!(${allowed.join('|') || '$'})/)`, message },
      { regex: `^\\.{1,2}/(.*/)?(${others})/`, message },
      {
        regex: '^(#lib|#local|#test)/|/(lib|local|test)/',
        message: 'Handler code does not import the CDK app, the local runtime or tests.',
      },
    ],
  };
};
const rooms = [
  ...CONTEXTS.map((context) => ({
    files: [`functions/${context}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', outside(context)] },
  })),
  { files: ['functions/shared/**/*.ts'], rules: { 'no-restricted-imports': ['error', outside()] } },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^#functions/|^#shared/(?!settings/|kernel/)|/functions/',
              message:
                'lib/ imports no handler code (only the settings schema it checks and the pure kernel).',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local-data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests read fixtures and SDK mock call arguments whose types are deliberately loose.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  ...rooms,
  {
    // Use cases, stores and handlers stay small enough to read at once; the CDK stacks
    // and the local runtime's plumbing are exempt (docs/architecture.md).
    files: ['functions/**/*.ts', 'lib/**/*.ts'],
    ignores: ['lib/stacks/**'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked }
);
