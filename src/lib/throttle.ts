/**
 * Calls `fn` at most once per `ms`: the first call runs at once, calls within the interval
 * collapse into one trailing call. `flush` runs a pending trailing call now.
 */
export function throttle(fn: () => void, ms: number) {
  let last = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  function run() {
    timer = undefined
    last = Date.now()
    fn()
  }
  return {
    call() {
      const wait = last + ms - Date.now()
      if (wait <= 0) run()
      else timer ??= setTimeout(run, wait)
    },
    flush() {
      if (timer === undefined) return
      clearTimeout(timer)
      run()
    },
  }
}
