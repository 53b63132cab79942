import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'This layer must stay plain Node (or browser): no electron import.',
    },
  ],
}

const providersNoCore =
  'Providers import nothing from src/main/core: the core uses providers, never the other way.'

const testingCore =
  'The shell and the browser bridge use AppCore; core/app/testing.ts is for tests and benchmarks.'

/**
 * A no-restricted-imports pattern for imports of `dirs` (paths under src/), written
 * either way: `…src/<dir>/…` from anywhere, or relative, climbing out of the layer
 * at least `ups` levels to `<dir>` (`../core/x` from providers/x.ts). The relative
 * form cannot know the importing file's depth; `ups` is the fewest a real escape
 * needs, so a sibling of the same name inside the layer (the renderer's own
 * `main.ts`) is not taken for it.
 */
function importsOf(dirs, ups, message) {
  const names = dirs.map((dir) => dir.replaceAll('/', '\\/')).join('|')
  const last = dirs.map((dir) => dir.split('/').at(-1)).join('|')
  return {
    regex: `(^|\\/)src\\/(${names})(\\/|$)|^(\\.\\.\\/){${ups},}(${last})(\\/|$)`,
    message,
  }
}

const rendererPatterns = [
  importsOf(
    ['main'],
    2,
    'The renderer imports nothing from src/main: it talks to main over the IPC contract.',
  ),
]

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'no-control-regex': 'off',
    },
  },
  // CommonJS build hooks (electron-builder loads afterPack with require()).
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/main/**/*.ts', 'src/preload/**/*.ts', 'src/shared/**/*.ts'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'error' },
  },
  // Only main/ipc.ts and the preload touch Electron's IPC objects.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Only src/main/ipc.ts binds IPC.',
            },
          ],
        },
      ],
    },
  },
  // The layer rules of docs/architecture.md. One entry per layer: for a file, the
  // last entry naming it wins, so each carries every rule of its layer.
  // Core and the plain-Node pieces main and the browser bridge share: no electron.
  {
    files: ['src/main/core/**', 'src/main/log.ts', 'src/main/settings.ts', 'src/web/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  // Providers speak to PBXs and nothing else: no electron, nothing from core.
  {
    files: ['src/main/providers/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...noElectron, patterns: [importsOf(['main/core'], 1, providersNoCore)] },
      ],
    },
  },
  // Shared is used by main, preload and renderer alike: nothing of either side.
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            importsOf(
              ['main', 'renderer', 'preload', 'web'],
              1,
              'src/shared imports nothing from main, preload, renderer or web.',
            ),
          ],
        },
      ],
    },
  },
  // The renderer reaches main only through the IPC contract (bridge.ts).
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: rendererPatterns,
        },
      ],
    },
  },
  // The demo PBX is an independent implementation of the real servers: plain Node,
  // nothing from the app's providers or core (nor anything else of the app).
  {
    files: ['packages/demo-pbx/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noElectron,
          patterns: [
            {
              group: [
                '**/src/main/**',
                '**/main/providers/**',
                '**/main/core/**',
                '**/src/shared/**',
              ],
              message: 'The demo PBX imports nothing from the app (providers, core, shared).',
            },
          ],
        },
      ],
      '@typescript-eslint/explicit-module-boundary-types': 'error',
    },
  },
  // Issue 16: one job per file and per function in the core. Counted without blank
  // lines and comments (a why-comment is never the reason to split a file).
  {
    files: ['src/main/core/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  // The same sizes for the Electron shell and the bootstrap.
  {
    files: ['src/main/shell/**/*.ts', 'src/main/index.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  // Still one long function each (setupWindows, createNetTransport, startUpdates):
  // to be split by responsibility, then dropped from this list.
  {
    files: [
      'src/main/shell/app-windows.ts',
      'src/main/shell/net-transport.ts',
      'src/main/shell/updates.ts',
    ],
    rules: { 'max-lines-per-function': 'off' },
  },
  // One action layer (issue 15): views and components call store actions; only a
  // store (or a composable) asks main. Listed here with noElectron, which a later
  // no-restricted-imports would otherwise replace.
  {
    files: ['src/renderer/src/views/**', 'src/renderer/src/components/**'],
    // Still asking main themselves until the board's rework (issue 15, finding 11) moves them.
    ignores: [
      'src/renderer/src/views/PresenceView.vue',
      'src/renderer/src/components/TileMenu.vue',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // The renderer's layer rule again: this block replaces the one above here.
          patterns: rendererPatterns,
          paths: [
            ...noElectron.paths,
            {
              name: '../bridge',
              importNames: ['invoke'],
              message: 'Call a store action: only stores ask main (one action layer).',
            },
          ],
        },
      ],
    },
  },
  // The transports (the Electron shell, the browser bridge) see the narrow AppCore:
  // the testing core's sessions and demo are for tests and benchmarks only.
  {
    files: ['src/main/shell/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              importNames: ['ipcMain', 'ipcRenderer'],
              message: 'Only src/main/ipc.ts binds IPC.',
            },
          ],
          patterns: [{ regex: 'core\\/app\\/testing$', message: testingCore }],
        },
      ],
    },
  },
  {
    files: ['src/web/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { ...noElectron, patterns: [{ regex: 'core\\/app\\/testing$', message: testingCore }] },
      ],
    },
  },
  {
    files: ['src/renderer/**', 'src/web/shim.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src/renderer/**'],
    ignores: ['src/renderer/src/bridge.ts', 'src/renderer/src/env.d.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'switchboard', message: 'Use src/renderer/src/bridge.ts.' },
      ],
    },
  },
  prettier,
)
