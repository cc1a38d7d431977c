// Prices in won, written the way readers of each language expect.

/** A price in won as readers of `locale` write it: 25,000원 in Korean, ₩25,000 otherwise. */
export function formatPrice(price: number, locale: string): string {
  if (locale.toLowerCase().startsWith('ko')) {
    return `${new Intl.NumberFormat('ko-KR', { maximumFractionDigits: 0 }).format(price)}원`
  }
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'KRW',
    maximumFractionDigits: 0,
  }).format(price)
}
