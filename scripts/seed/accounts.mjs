// The demo accounts `npm run seed` creates; `npm start` prints them beside the app URL.
export const DEMO_PASSWORD = 'password123'

/** Password of the seeded room "Members only". */
export const DEMO_ROOM_PASSWORD = 'letmein'

export const DEMO_ACCOUNTS = [
  { email: 'alice@example.com', username: 'alice' },
  { email: 'minsu@example.com', username: '민수' },
  { email: 'bob@example.com', username: 'bob' },
]

/** The accounts as a few terminal lines. */
export function describeAccounts() {
  const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length))
  return [
    `Demo accounts (password ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(width)}  ${a.username}`),
    `Room "Members only" has the password ${DEMO_ROOM_PASSWORD}.`,
  ].join('\n')
}
