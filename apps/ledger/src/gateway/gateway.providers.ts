import type { Provider } from '@nestjs/common';
import type { GatewayConfig } from './gateway.config';
import { GATEWAY_CONFIG, LedgerGatewayService } from './ledger-gateway.service';

/** The ledger app's gateway providers; none when the gateway is disabled. */
export function gatewayProviders(config: GatewayConfig | null | undefined): Provider[] {
  return config ? [{ provide: GATEWAY_CONFIG, useValue: config }, LedgerGatewayService] : [];
}
