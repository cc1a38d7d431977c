// Percentiles over measured samples (nearest-rank), in the unit they were measured in.

export interface Summary {
  count: number
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
  mean: number | null
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

/** Nearest-rank percentile of sorted samples. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1] as number
}

/** p50/p95/p99/max/mean of the samples; all null when there are none. */
export function summarize(samples: number[]): Summary {
  if (samples.length === 0) {
    return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null }
  }
  const sorted = [...samples].sort((a, b) => a - b)
  const sum = sorted.reduce((a, b) => a + b, 0)
  return {
    count: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] as number),
    mean: round(sum / sorted.length),
  }
}

/** a / b to two decimals, or null when either is missing. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null
  return Math.round((a / b) * 100) / 100
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Milliseconds since an arbitrary origin, monotonic. */
export const now = () => performance.now()

/**
 * Milliseconds on a clock every process on this machine shares (the wall clock at the process's
 * start plus its monotonic time since): a time stamped in one process is compared in another.
 */
export const clock = () => performance.timeOrigin + performance.now()
