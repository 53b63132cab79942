import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { createAppI18n, resolveLocale } from './i18n'
import './styles.css'

const locale = resolveLocale('system', navigator.languages)
document.documentElement.lang = locale

createApp(App).use(createPinia()).use(createAppI18n(locale)).mount('#app')
