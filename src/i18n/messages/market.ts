// Marketplace, item pages and "my chats".
export const en = {
  market: {
    title: 'Market',
  },
}

export const ko: typeof en = {
  market: {
    title: '마켓',
  },
}
