import { Routes } from '@angular/router';
import { HealthPageComponent } from '@options-helper/portal/feature-health';

// One lazy chunk per page, except Health: `/` opens it, so it ships in the initial bundle (no route-chunk round
// trip before its data requests start). Charts load only with the pages that draw them.
export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'health' },
  { path: 'health', title: 'Health · options-helper', component: HealthPageComponent },
  { path: 'runs', title: 'Runs · options-helper', loadComponent: () => import('@options-helper/portal/feature-runs').then((m) => m.RunsPageComponent) },
  { path: 'runs/:runId', title: 'Run · options-helper', loadComponent: () => import('@options-helper/portal/feature-runs').then((m) => m.RunDetailPageComponent) },
  { path: 'portfolio', title: 'Portfolio · options-helper', loadComponent: () => import('@options-helper/portal/feature-portfolio').then((m) => m.PortfolioPageComponent) },
  { path: 'symbols', title: 'Symbol Explorer · options-helper', loadComponent: () => import('@options-helper/portal/feature-symbols').then((m) => m.SymbolsPageComponent) },
  { path: 'flow', title: 'Flow · options-helper', loadComponent: () => import('@options-helper/portal/feature-flow').then((m) => m.FlowPageComponent) },
  { path: 'derived', title: 'Derived History · options-helper', loadComponent: () => import('@options-helper/portal/feature-derived').then((m) => m.DerivedPageComponent) },
  { path: 'data', title: 'Data Explorer · options-helper', loadComponent: () => import('@options-helper/portal/feature-data').then((m) => m.DataPageComponent) },
  { path: 'coverage', title: 'Coverage · options-helper', loadComponent: () => import('@options-helper/portal/feature-coverage').then((m) => m.CoveragePageComponent) },
  { path: '**', title: 'Not found · options-helper', loadComponent: () => import('./not-found.component').then((m) => m.NotFoundComponent) },
];
