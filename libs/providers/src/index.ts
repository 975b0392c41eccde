export * from './provider.types';
export * from './provider.errors';
export * from './provider-options';
export * from './provider-stats';
export * from './create-provider';
export { SyntheticProvider } from './synthetic/synthetic.provider';
export { CsvProvider, CsvValidationError } from './csv/csv.provider';
export { AlpacaProvider } from './alpaca/alpaca.provider';
