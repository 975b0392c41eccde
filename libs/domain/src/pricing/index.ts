export * from './normal';
export * from './black-scholes';
export * from './implied-volatility';
export * from './option-mark';
export * from './greeks';
