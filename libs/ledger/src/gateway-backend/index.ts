export { DuckDbGatewayBackend } from './duckdb-gateway.backend';
