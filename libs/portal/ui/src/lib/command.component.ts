import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { CopyButtonComponent } from './copy-button.component';

/** A shell command the user may run next, with a copy button. The portal itself never runs anything. */
@Component({
  selector: 'oh-command',
  imports: [CopyButtonComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<span class="oh-command"><code>{{ command() }}</code> <oh-copy-button [text]="command()" /></span>`,
  styles: `
    .oh-command { display: inline-flex; align-items: center; gap: 8px; flex-wrap: wrap; }
    code { background: #f1f3f5; color: #1b1b1b; padding: 2px 6px; border-radius: 4px; font-size: 0.85rem; word-break: break-all; }
  `,
})
export class CommandComponent {
  readonly command = input.required<string>();
}
