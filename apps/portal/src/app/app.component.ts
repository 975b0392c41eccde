import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { PORTAL_DISCLAIMER } from '@options-helper/domain';
import { PortalMetaStore } from '@options-helper/portal/data-access';

export const PORTAL_PAGES: readonly { path: string; label: string }[] = [
  { path: '/health', label: 'Health' },
  { path: '/runs', label: 'Runs' },
  { path: '/portfolio', label: 'Portfolio' },
  { path: '/symbols', label: 'Symbol Explorer' },
  { path: '/flow', label: 'Flow' },
  { path: '/derived', label: 'Derived History' },
  { path: '/data', label: 'Data Explorer' },
  { path: '/coverage', label: 'Coverage' },
];

/** The shell: title, links to every page, the disclaimer and the ledger's database path on every page. */
@Component({
  selector: 'oh-root',
  imports: [RouterOutlet, RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './app.component.html',
  styleUrl: './app.component.scss',
})
export class AppComponent {
  readonly pages = PORTAL_PAGES;
  readonly disclaimer = PORTAL_DISCLAIMER;
  private readonly metaStore = inject(PortalMetaStore);
  readonly databasePath = computed(() => (this.metaStore.meta.hasValue() ? this.metaStore.meta.value().database_path : null));
  readonly metaError = computed(() => (this.metaStore.meta.status() === 'error' ? 'The ledger did not answer; start it with `options-helper ui`.' : null));
}
