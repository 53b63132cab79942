/// <reference types="vite/client" />
import type { SwitchboardApi } from '../../shared/ipc'

declare global {
  interface Window {
    /** Defined by the preload (Electron) or the bridge shim (browser); nothing else. */
    switchboard?: SwitchboardApi
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
