import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { CommandComponent } from './command.component';

export type StateKind = 'loading' | 'empty' | 'error' | 'info';

/** Loading, empty and error states; empty and error ones say what to run next. */
@Component({
  selector: 'oh-state',
  imports: [CommandComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.role]': 'role()', '[class]': '"oh-state oh-state-" + kind()', '[attr.aria-busy]': 'kind() === "loading" ? "true" : null' },
  template: `
    <p class="oh-state-message">{{ message() || defaultMessage() }}</p>
    @for (c of commands(); track c) {
      <p class="oh-state-command"><oh-command [command]="c" /></p>
    }
  `,
  styles: `
    :host { display: block; padding: 12px 16px; border-radius: 6px; margin: 8px 0; border: 1px solid #d0d7de; background: #f6f8fa; color: #1b1b1b; }
    :host(.oh-state-error) { border-color: #b3261e; background: #fdecea; color: #5f1410; }
    :host(.oh-state-loading) { color: #3d3d3d; }
    p { margin: 4px 0; }
  `,
})
export class StateComponent {
  readonly kind = input<StateKind>('info');
  readonly message = input<string | null | undefined>(null);
  /** One command, or several, to run next. */
  readonly command = input<string | readonly string[] | null | undefined>(null);
  readonly commands = computed(() => {
    const c = this.command();
    return c === null || c === undefined ? [] : typeof c === 'string' ? [c] : [...c];
  });
  readonly role = computed(() => (this.kind() === 'error' ? 'alert' : 'status'));
  readonly defaultMessage = computed(() => (this.kind() === 'loading' ? 'Loading…' : this.kind() === 'empty' ? 'Nothing to show.' : ''));
}
