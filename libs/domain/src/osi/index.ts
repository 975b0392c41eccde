export * from './osi-symbol';
