import type { LocationQuery } from 'vue-router'

/** The in-app path to return to after signing in (never another origin). */
export function redirectTarget(query: LocationQuery): string {
  const target = query.redirect
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//')
    ? target
    : '/'
}
