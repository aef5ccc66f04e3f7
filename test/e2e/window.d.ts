import type { RecertApi } from '../../preload/contract';

// page.evaluate callbacks run in the page, where the preload (or browser mode) defines this.
declare global {
  interface Window {
    recert: RecertApi;
  }
}
