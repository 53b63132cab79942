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
  // Layers that must never import electron.
  {
    files: [
      'src/shared/**',
      'src/main/core/**',
      'src/main/providers/**',
      'src/main/log.ts',
      'src/main/settings.ts',
      'src/web/**',
      'src/renderer/**',
    ],
    rules: { 'no-restricted-imports': ['error', noElectron] },
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
