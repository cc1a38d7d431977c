import { createApp } from 'vue'
import App from './App.vue'
import { installI18n } from './i18n/instance'
import { router } from './router'
import './styles.css'

// The router starts the first navigation (signing in, the page's code and data) while the
// language's messages load; the app is shown once they are there.
const app = createApp(App).use(router)
void installI18n().then(() => app.mount('#app'))
