import { inject, Injectable, resource } from '@angular/core';
import type { PortalMeta } from '@options-helper/domain';
import { PortalApi } from './portal-api.service';

/** `GET /api/v1/portal/meta`, loaded once and shared: the shell's database path and the pages' defaults. */
@Injectable({ providedIn: 'root' })
export class PortalMetaStore {
  private readonly api = inject(PortalApi);
  readonly meta = resource<PortalMeta, unknown>({ loader: () => this.api.meta() });
}
