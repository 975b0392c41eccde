export * from './gap-plan.rules';
export * from './gap-planner';
export * from './gap-plan.table';
export * from './range-plan';
