// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os',
  'path', 'perf_hooks', 'process', 'readline', 'stream', 'timers', 'timers/promises', 'url', 'util', 'v8', 'vm',
  'worker_threads', 'zlib',
];

// What the core may not reach for even without an import: the process, timers and clocks.
// The host passes the date in (`EngineOptions.today`); `new Date(year, month, day)` reads no clock and stays allowed.
const hostGlobals = [
  ...['process', 'Buffer'].map((name) => ({ name, message: 'The core must not depend on the process; the host passes in what the engine needs.' })),
  ...['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask'].map((name) => ({
    name, message: 'The core runs no timers: scheduling belongs to the hosts (see lsp/check-scheduler.ts).',
  })),
  { name: 'performance', message: 'The core reads no clock; measure in the hosts or the benchmarks.' },
];
const clockReads = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'The core reads no clock: take the date from the host (EngineOptions.today, CheckOptions.today).' },
  { selector: "CallExpression[callee.name='Date']", message: 'The core reads no clock: take the date from the host (EngineOptions.today, CheckOptions.today).' },
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'The core reads no clock: take the date from the host (EngineOptions.today, CheckOptions.today).' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.e2e/**', 'test/fixtures/**', '**/*.d.ts', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The engine is pure: no editor, protocol or Node imports, no process, timers or clock. File access goes through KbFileSystem.
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          ...nodeBuiltins.map((name) => ({ name, message: 'The core must not use Node built-ins; use the KbFileSystem interface.' })),
          ...nodeBuiltins.map((name) => ({ name: `node:${name}`, message: 'The core must not use Node built-ins; use the KbFileSystem interface.' })),
          { name: 'vscode', message: 'The core must not depend on the editor.' },
        ],
        patterns: [
          { group: ['vscode-languageserver*', 'vscode-languageclient*', 'vscode-jsonrpc*'], message: 'Only server/src/lsp knows LSP.' },
          { group: ['node:*'], message: 'The core must not use Node built-ins.' },
        ],
      }],
      'no-restricted-globals': ['error', ...hostGlobals],
      'no-restricted-syntax': ['error', ...clockReads],
    },
  },
  {
    // A file a newcomer can read in one sitting.
    files: ['server/src/**/*.ts', 'client/src/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // Being reorganised (problem models as data); remove once they are split.
    files: ['server/src/core/scenario/model.ts', 'server/src/core/scenario/parse-scenario.ts', 'server/src/core/scenario/step-catalog.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { process: 'readonly', require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
