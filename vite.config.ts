import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { precompileMessages } from './scripts/lib/precompile-messages'

export default defineConfig({
  plugins: [vue(), precompileMessages()],
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./src', import.meta.url)),
      '@domain': fileURLToPath(new URL('./functions/src/domain', import.meta.url)),
    },
  },
  define: {
    // Vue's options API is unused; dropping it shrinks the bundle.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    // vue-i18n: Composition API only, no global $t helpers or devtools in production.
    __VUE_I18N_LEGACY_API__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    // Messages arrive compiled (scripts/lib/precompile-messages.ts): no message compiler shipped.
    __INTLIFY_DROP_MESSAGE_COMPILER__: 'true',
  },
  server: { port: 5173, strictPort: true },
  // Pre-bundled at start, so the dev server never reloads the page to add one mid-session.
  optimizeDeps: {
    include: [
      'firebase/app',
      'firebase/auth',
      'firebase/firestore',
      'firebase/functions',
      'vue',
      'vue-router',
      'pinia',
      'vue-i18n',
    ],
  },
})
