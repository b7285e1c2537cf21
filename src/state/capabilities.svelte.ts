/** CapabilitiesState: the selected image's declared capabilities checked against its last build, and applying a suggested fix. */
import { applyFileEdit, type CapabilityFinding, type CapabilityReport } from '../lib/project/capability-check.ts';
import type { AppStatus } from './app-status.svelte.ts';
import type { ProjectState } from './project.svelte.ts';
import type { ResolverLink } from './resolver-link.ts';

/** The checks of the image on screen. */
export class CapabilitiesState {
  /** Undefined until a build has been checked; null when the image declares no capabilities. */
  report = $state.raw<CapabilityReport | null | undefined>(undefined);
  /** Why the last check gave no report, when it did not. */
  message = $state('');
  applying = $state(false);
  private generation = 0;

  constructor(
    private readonly link: ResolverLink,
    private readonly status: AppStatus,
    private readonly project: ProjectState,
  ) {}

  /** Checks the last build in the worker (call it after each build); a newer call wins. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    if (!this.project.build?.result.ok) {
      this.report = undefined;
      this.message = 'The image does not resolve, so its capabilities cannot be checked.';
      return;
    }
    try {
      const checked = await this.link.remote.checkCapabilities();
      if (generation !== this.generation) return;
      this.report = checked.ok ? checked.value : undefined;
      this.message = checked.ok ? '' : checked.error.message;
    } catch (error) {
      if (generation === this.generation) this.status.thrown('resolver', error);
    }
  }

  /** Makes FINDING's verified fix in the project files (an edit like any other, kept and rebuilt). */
  async applyFix(finding: CapabilityFinding): Promise<void> {
    const edit = finding.fix?.edit;
    if (!edit) return;
    const text = applyFileEdit(this.project.files, edit).get(edit.file);
    if (text === undefined) return;
    this.applying = true;
    try {
      this.project.edit(edit.file, text);
      await this.project.flush();
    } finally {
      this.applying = false;
    }
  }
}
