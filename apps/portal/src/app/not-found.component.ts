import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'oh-not-found',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h1>Page not found</h1><p>This address is not a portal page. Open <a routerLink="/health">Health</a>.</p>`,
})
export class NotFoundComponent {}
