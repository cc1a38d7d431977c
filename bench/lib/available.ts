// Whether a callable or a page the scenarios need exists yet (other work may still be in flight).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REGION } from '../../functions/src/domain/region'
import { functionsHost, projectId } from '../../tests/support/emulators'
import { root } from './paths'

/**
 * True when the Functions emulator serves the callable: an unauthenticated call then answers
 * 401 (or 400 for a bad body) instead of 404.
 */
export async function callableExists(name: string): Promise<boolean> {
  const res = await fetch(`http://${await functionsHost()}/${projectId}/${REGION}/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ data: {} }),
  })
  await res.text()
  return res.status !== 404
}

/** The callables among `names` that do not exist yet. */
export async function missingCallables(names: string[]): Promise<string[]> {
  const exists = await Promise.all(names.map(callableExists))
  return names.filter((_, i) => !exists[i])
}

/** Whether the client router declares a route with this path. */
export function routeExists(path: string): boolean {
  const router = readFileSync(join(root, 'src', 'router', 'index.ts'), 'utf8')
  return router.includes(`'${path}'`) || router.includes(`"${path}"`)
}
