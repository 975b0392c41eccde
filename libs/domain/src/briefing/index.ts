export * from './briefing.types';
export * from './briefing-format';
export * from './earnings';
export * from './compare-report';
export * from './briefing-portfolio.table';
export * from './briefing-markdown.builder';
export * from './briefing-json.builder';
export * from './dashboard-view.builder';
