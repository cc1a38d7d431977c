import { createRouter, createWebHistory } from 'vue-router'
import { markContentPainted } from '@/lib/firstPaint'
import { useSessionStore } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable while signed out; signed-in users are sent on. */
    public?: boolean
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'lobby', component: () => import('@/pages/RoomLobbyPage.vue') },
    {
      path: '/signup',
      name: 'signup',
      component: () => import('@/pages/SignUpPage.vue'),
      meta: { public: true },
    },
    {
      path: '/login',
      name: 'login',
      component: () => import('@/pages/LogInPage.vue'),
      meta: { public: true },
    },
    {
      path: '/choose-username',
      name: 'choose-username',
      component: () => import('@/pages/ChooseUsernamePage.vue'),
    },
    {
      path: '/rooms/:roomId',
      name: 'room',
      component: () => import('@/pages/RoomPage.vue'),
      props: true,
    },
    { path: '/market', name: 'market', component: () => import('@/pages/MarketPage.vue') },
    { path: '/items/new', name: 'sell', component: () => import('@/pages/SellItemPage.vue') },
    {
      path: '/items/:itemId',
      name: 'item',
      component: () => import('@/pages/ItemPage.vue'),
      props: true,
    },
    {
      path: '/items/:itemId/edit',
      name: 'edit-item',
      component: () => import('@/pages/SellItemPage.vue'),
      props: true,
    },
    { path: '/chats', name: 'chats', component: () => import('@/pages/MyChatsPage.vue') },
    { path: '/profile', name: 'profile', component: () => import('@/pages/ProfilePage.vue') },
    {
      path: '/u/:uid',
      name: 'user',
      component: () => import('@/pages/PublicProfilePage.vue'),
      props: true,
    },
    { path: '/deals', name: 'deals', component: () => import('@/pages/MyDealsPage.vue') },
    {
      path: '/my-listings',
      name: 'my-listings',
      component: () => import('@/pages/MyListingsPage.vue'),
    },
    { path: '/notices', name: 'notices', component: () => import('@/pages/NoticesPage.vue') },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('@/pages/NotFoundPage.vue'),
    },
  ],
})

// A page other than a room has its content with its first render; a room says when its first
// messages are shown (src/lib/firstPaint.ts).
router.afterEach((to) => {
  if (to.name !== 'room') markContentPainted()
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.whenReady()
  if (to.meta.public) return session.user && session.profile ? { path: '/' } : true
  if (!session.user)
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (!session.profile && to.name !== 'choose-username') {
    return { name: 'choose-username', query: { redirect: to.fullPath } }
  }
  if (session.profile && to.name === 'choose-username') return { path: '/' }
  return true
})
