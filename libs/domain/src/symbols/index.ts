export * from './symbol.normalizer';
export * from './symbol-selection.resolver';
