import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  plugins: [vue()],
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
  },
  build: {
    // No modulepreload polyfill (0.3 KB before a room's first message): every browser of the
    // build's target but Safari 16.4–16.6 and Firefox 114 preloads natively; those still load,
    // just later.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // What every page needs before it shows anything, shared with the pages (Vue with the
        // router, Firebase's core with Auth, the app's shell modules), in one chunk instead of
        // a dozen (4.1 KB gzip less before a room's first message than apart, and fewer
        // requests; a deploy that changes the shell re-sends it all). The entry keeps its own
        // modules; Firestore and Functions stay chunks of their own, loaded on first use.
        codeSplitting: {
          groups: [
            // 'My chats' with the data verbs it imports, in one chunk instead of four: every
            // page with a profile loads them all when the profile arrives (App.vue), so none
            // fetches more (0.8 KB gzip less before a room's first message, the entry's preload
            // lists included; 3 requests fewer). What they import (db, limits, Firestore) stays
            // apart: the sign-up page needs it without a profile.
            {
              name: 'chats',
              test: /src[\\/]stores[\\/]myChats\.ts$|src[\\/]lib[\\/](unreadCounts|rooms|photos)\.ts$|domain[\\/](fixedWindow|rateLimits|blocks|recentMessages)\.ts$/,
              priority: 1,
              includeDependenciesRecursively: false,
            },
            {
              name: 'initial',
              tags: ['$initial'],
              minShareCount: 2,
              test: (id) => !/main\.ts$|index\.html$/.test(id),
            },
          ],
        },
      },
    },
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
    ],
  },
})
