// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

/** Node's built-in modules, with and without the `node:` prefix. */
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];

/**
 * The layer rules of the design (docs/DESIGN.md §2), enforced as errors: a restricted import in
 * the wrong layer fails lint. test/unit/lint-layers.test.ts proves each rule bites.
 */
/** @typedef {{ group: string[], message: string } | { regex: string, message: string }} Restriction */
const layerRule = (/** @type {Restriction[]} */ patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

/** Matches the module name exactly, so a relative path through an electron/ folder is not caught by this one. */
const notElectron = {
  regex: '^electron(/.*)?$',
  message: 'only electron/main.ts, electron/preload.ts and electron/shell/ may import electron (docs/DESIGN.md §2)',
};

const coreRule = [
  notElectron,
  { group: ['**/renderer/**', '**/renderer'], message: 'the core never imports the renderer (docs/DESIGN.md §2)' },
];

/** The module graph inside electron/core (electron/core/layers.json): a folder imports only the folders listed for it. */
const coreLayers = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(import.meta.dirname, 'electron/core/layers.json'), 'utf8'))).filter(
    ([name]) => !name.startsWith('$'),
  ),
);
const coreModules = Object.keys(coreLayers);
const coreLayerBlocks = Object.entries(coreLayers).map(([module, allowed]) => {
  const forbidden = coreModules.filter((other) => other !== module && !allowed.includes(other));
  const patterns = [...coreRule];
  if (forbidden.length > 0)
    patterns.push({
      regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
      message: `electron/core/${module}/ may import only ${allowed.length ? allowed.join(', ') : 'shared/ and libraries'} inside the core (electron/core/layers.json)`,
    });
  return { files: [`electron/core/${module}/**/*.ts`], ignores: ['**/*.test.ts'], rules: layerRule(patterns) };
});

/** The thin shell reaches the core only through its composition root and configuration loader. */
const shellReach = {
  regex: `^(\\.\\./|\\./)+core/(${coreModules.filter((m) => m !== 'app' && m !== 'config').join('|')})(/|$)`,
  message: 'the Electron shell uses the core only through electron/core/app and electron/core/config (docs/DESIGN.md §2)',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'router/target/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: layerRule([
      {
        group: ['**/electron/**', '**/electron', '**/renderer/**', '**/renderer'],
        message: 'shared/ holds contracts only and imports nothing from electron/ or renderer/ (docs/DESIGN.md §2)',
      },
      notElectron,
      { group: nodeBuiltins, message: 'shared/ must run in Node and in the browser: no Node APIs (docs/DESIGN.md §2)' },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layerRule([
      {
        group: ['**/electron/**', '**/electron'],
        message: 'renderer/ talks to the core only through the API contract in shared/ (docs/DESIGN.md §2)',
      },
      notElectron,
      { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed browser: no Node APIs (docs/DESIGN.md §2)' },
      { group: ['kafkajs', 'better-sqlite3', 'ws'], message: 'renderer/ uses browser libraries only (docs/DESIGN.md §2)' },
    ]),
  },
  {
    files: ['electron/core/**/*.ts', 'fleet/**/*.ts', 'scripts/**/*.ts'],
    rules: layerRule(coreRule),
  },
  {
    // One clock: the core reads time through lib/clock.ts, so tests inject it and every stamp agrees.
    files: ['electron/core/**/*.ts'],
    ignores: ['**/*.test.ts', 'electron/core/lib/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'read time through the Clock (electron/core/lib/clock.ts): an injected clock, or systemClock (docs/DESIGN.md §7)',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'read time through the Clock (electron/core/lib/clock.ts): new Date(clock.now()) (docs/DESIGN.md §7)',
        },
      ],
    },
  },
  ...coreLayerBlocks,
  {
    files: ['electron/main.ts', 'electron/preload.ts', 'electron/shell/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layerRule([shellReach]),
  },
  {
    // Tests may drive the renderer's store against the real core, but never need Electron.
    files: ['test/**/*.ts'],
    rules: layerRule([notElectron]),
  },
);
