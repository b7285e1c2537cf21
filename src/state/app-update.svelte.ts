/** AppUpdateState: a new version of the app, offered ("Reload to update"), never forced, and never applied while the resolver works. */

/** What the state needs from the page: whether a solve or build is running, and how to switch to the waiting version and reload. */
export interface AppUpdateEnvironment {
  busy(): boolean;
  /** Activates the waiting service worker and reloads the page. */
  apply(): Promise<void>;
}

const IDLE_POLL_MS = 100;

/** The offer of a new version. */
export class AppUpdateState {
  /** A new version is installed and waits. */
  available = $state(false);
  /** The user accepted; the reload waits for the running solve to end. */
  waitingForSolve = $state(false);
  /** The app works offline (its files are cached). */
  offlineReady = $state(false);

  private env: AppUpdateEnvironment | undefined;

  /** Connects the service worker's side (from main.ts); tests pass their own. */
  connect(env: AppUpdateEnvironment): void {
    this.env = env;
  }

  /** The service worker installed a new version. */
  offer(): void {
    this.available = true;
  }

  /** The user chose "Reload to update": reloads once no solve or build runs. */
  async accept(): Promise<void> {
    const env = this.env;
    if (!env || !this.available) return;
    this.waitingForSolve = env.busy();
    while (env.busy()) await new Promise((r) => setTimeout(r, IDLE_POLL_MS));
    this.waitingForSolve = false;
    await env.apply();
  }

  /** Not now: the offer goes away until the next page load (the new version applies when every tab is closed). */
  dismiss(): void {
    this.available = false;
  }
}
