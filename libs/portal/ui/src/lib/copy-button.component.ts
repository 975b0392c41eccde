import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

/** Copies a command to the clipboard; says so (politely, for screen readers) when it worked or not. */
@Component({
  selector: 'oh-copy-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<button type="button" class="oh-copy" (click)="copy()" [attr.aria-label]="label() + ': ' + text()">{{ state() }}</button
    ><span class="oh-visually-hidden" aria-live="polite">{{ state() === 'Copy' ? '' : state() }}</span>`,
  styles: `
    .oh-copy { font: inherit; font-size: 0.8rem; padding: 2px 10px; border: 1px solid #1f5f8b; color: #1f5f8b; background: #fff; border-radius: 4px; cursor: pointer; }
    .oh-copy:hover, .oh-copy:focus-visible { background: #e8f1f8; }
  `,
})
export class CopyButtonComponent {
  readonly text = input.required<string>();
  readonly label = input('Copy command');
  readonly state = signal<'Copy' | 'Copied' | 'Copy failed'>('Copy');

  async copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text());
      this.state.set('Copied');
    } catch {
      this.state.set('Copy failed');
    }
    setTimeout(() => this.state.set('Copy'), 2000);
  }
}
