import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import PopupApp from './PopupApp.vue'
import { createAppI18n, resolveLocale } from './i18n'
import { forwardErrors } from './main-log'
import './styles.css'

const locale = resolveLocale('system', navigator.languages)
document.documentElement.lang = locale

// The popup window loads the same page with #popup: one build, one bridge.
const root = location.hash === '#popup' ? PopupApp : App
const app = createApp(root)
forwardErrors(app)
app.use(createPinia()).use(createAppI18n(locale)).mount('#app')
