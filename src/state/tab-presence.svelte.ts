/** TabPresenceState: other tabs of this browser with the same project open (BroadcastChannel), so two tabs never overwrite each other's edits silently. */

/** The channel the tabs talk on; `BroadcastChannel` in the page, a pair of them in tests. */
export interface PresenceChannel {
  postMessage(message: PresenceMessage): void;
  onmessage: ((event: MessageEvent<PresenceMessage>) => void) | null;
  close(): void;
}

/** What tabs tell each other about PROJECT (an example's id, or a user project's `my:…`). */
export type PresenceMessage = { type: 'open' | 'here' | 'closed'; project: string; tab: string } | { type: 'saved'; project: string; tab: string; savedAt: number };

/** The channel's name, shared by every tab of the origin. */
export const PRESENCE_CHANNEL = 'azl-playground-projects';

/** This tab's view of the others. */
export class TabPresenceState {
  /** How many other tabs have this project open. */
  others = $state(0);
  /** Another tab saved this project after this tab opened it: its edits would be replaced by this tab's next save. */
  savedElsewhere = $state.raw<{ savedAt: number } | undefined>(undefined);

  private readonly tab = crypto.randomUUID();
  private readonly peers = new Set<string>();
  private project: string | undefined;

  constructor(private readonly channel: PresenceChannel | undefined) {
    if (channel) channel.onmessage = (event) => this.receive(event.data);
  }

  /** This tab now shows PROJECT (undefined: nothing that is saved, such as a share link not kept). */
  watch(project: string | undefined): void {
    if (project === this.project) return;
    this.leave();
    this.project = project;
    this.savedElsewhere = undefined;
    if (project) this.channel?.postMessage({ type: 'open', project, tab: this.tab });
  }

  /** This tab saved its project. */
  saved(savedAt: number): void {
    this.savedElsewhere = undefined;
    if (this.project) this.channel?.postMessage({ type: 'saved', project: this.project, tab: this.tab, savedAt });
  }

  /** The tab closes or switches project: the others stop counting it. */
  leave(): void {
    if (this.project) this.channel?.postMessage({ type: 'closed', project: this.project, tab: this.tab });
    this.peers.clear();
    this.others = 0;
  }

  /** The user took the version another tab saved: nothing is pending any more. */
  resolved(): void {
    this.savedElsewhere = undefined;
  }

  private receive(message: PresenceMessage): void {
    if (!message || message.tab === this.tab) return;
    if (message.project !== this.project) {
      // a tab that switched to another project is no longer here
      if (this.peers.delete(message.tab)) this.others = this.peers.size;
      return;
    }
    if (message.type === 'closed') this.peers.delete(message.tab);
    else this.peers.add(message.tab);
    if (message.type === 'open') this.channel?.postMessage({ type: 'here', project: message.project, tab: this.tab });
    if (message.type === 'saved') this.savedElsewhere = { savedAt: message.savedAt };
    this.others = this.peers.size;
  }
}
