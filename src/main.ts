import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { installI18n } from './i18n/instance'
import { router } from './router'
import './styles.css'

installI18n()
createApp(App).use(createPinia()).use(router).mount('#app')
