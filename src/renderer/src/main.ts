import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import PopupApp from './PopupApp.vue'
import { createAppI18n, resolveLocale } from './i18n'
import './styles.css'

const locale = resolveLocale('system', navigator.languages)
document.documentElement.lang = locale

// The popup window loads the same page with #popup: one build, one bridge.
const root = location.hash === '#popup' ? PopupApp : App
createApp(root).use(createPinia()).use(createAppI18n(locale)).mount('#app')
