// Public API of @options-helper/portal/feature-portfolio: the Portfolio page (/portfolio).
export * from './lib/portfolio-page.component';
