import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';

/** The `symbol` selector shared by Symbol Explorer, Flow and Derived History (the current symbol is always offered). */
@Component({
  selector: 'oh-symbol-picker',
  imports: [MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field>
      <mat-label>Symbol</mat-label>
      <select matNativeControl name="symbol" (change)="picked.emit($any($event.target).value)">
        @for (s of options(); track s) { <option [value]="s" [selected]="s === symbol()">{{ s }}</option> }
      </select>
    </mat-form-field>
  `,
})
export class SymbolPickerComponent {
  readonly symbol = input.required<string>();
  readonly symbols = input.required<readonly string[]>();
  readonly picked = output<string>();
  readonly options = computed(() => (this.symbols().includes(this.symbol()) ? this.symbols() : [this.symbol(), ...this.symbols()]));
}
