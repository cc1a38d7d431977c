// How a favourite notice reads, in the toast and on the notices page.
import type { NoticeDoc } from '@domain/notices'
import type { Translate } from '@/i18n'
import { formatPrice } from '@/lib/price'

/** The notice's headline ("Price drop: Bike") and detail ("Now ₩40,000 (was ₩45,000)"). */
export function noticeText(
  notice: Pick<NoticeDoc, 'kind' | 'title' | 'price' | 'previousPrice'>,
  t: Translate,
  locale: string,
): { title: string; detail: string } {
  const price = notice.price === 0 ? t('market.free') : formatPrice(notice.price, locale)
  return notice.kind === 'price-drop' && notice.previousPrice !== null
    ? {
        title: t('notice.priceDrop', { title: notice.title }),
        detail: t('notice.priceNow', {
          price,
          previous: formatPrice(notice.previousPrice, locale),
        }),
      }
    : {
        title: t('notice.available', { title: notice.title }),
        detail: t('notice.availableNow', { price }),
      }
}
