// Vite plugin: compiles the vue-i18n messages of src/i18n/messages/*.ts at build time into the
// message ASTs vue-i18n's runtime evaluates, so the browser never downloads the message compiler
// (vite.config.ts drops it with __INTLIFY_DROP_MESSAGE_COMPILER__). A message that does not parse
// fails the build instead of showing raw text at run time. The unit tests import the sources
// without this plugin and see the plain strings.
import { baseCompile } from '@intlify/message-compiler'
import type { Plugin } from 'vite'

const MESSAGES = /\/src\/i18n\/messages\/[^/]+\.ts$/

function compileTree(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    const errors: string[] = []
    const { ast } = baseCompile(value, {
      jit: true,
      minify: true,
      location: false,
      onError: (error) => errors.push(error.message),
    })
    if (errors.length) throw new Error(`i18n message ${path}: ${errors.join('; ')}`)
    return ast
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, compileTree(child, `${path}.${key}`)]),
    )
  }
  throw new Error(`i18n message ${path}: not a string`)
}

/** Replaces each message module by its exports with every string compiled to an AST. */
export function precompileMessages(): Plugin {
  return {
    name: 'marketchat:precompile-messages',
    // After TypeScript is stripped: the module is plain JavaScript without imports.
    enforce: 'post',
    async transform(code, id) {
      if (!MESSAGES.test(id.split('?')[0] ?? '')) return null
      const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
      const exports = (await import(url)) as Record<string, unknown>
      const file = id.slice(id.lastIndexOf('/') + 1)
      const out = Object.entries(exports).map(
        ([name, value]) =>
          `export const ${name} = ${JSON.stringify(compileTree(value, `${file}:${name}`))}`,
      )
      return { code: out.join('\n'), map: null }
    },
  }
}
