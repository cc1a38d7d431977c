// One lint config for the client, the functions and the tests.
import pluginVue from 'eslint-plugin-vue'
import { defineConfigWithVueTs, vueTsConfigs } from '@vue/eslint-config-typescript'
import prettier from 'eslint-config-prettier'

export default defineConfigWithVueTs(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'functions/lib/**',
      '.cache/**',
      'tests/reports/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
    ],
  },
  pluginVue.configs['flat/recommended'],
  vueTsConfigs.recommended,
  {
    rules: {
      'vue/no-v-html': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The app's useI18n (src/i18n) checks message keys; vue-i18n's own takes any string.
    files: ['src/**/*.ts', 'src/**/*.vue'],
    ignores: ['src/i18n/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vue-i18n',
              importNames: ['useI18n'],
              message: "Import useI18n from '@/i18n': its t accepts only message keys.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  prettier,
)
