import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { DataTableComponent, TableColumn } from './data-table.component';
import { StateComponent } from './state.component';

interface Row {
  run_id: string;
  status: string;
  duration_ms: number | null;
}

@Component({
  imports: [DataTableComponent, StateComponent],
  template: `<oh-table caption="Latest Runs" [columns]="columns" [rows]="rows()" emptyText="No run history available." />
    <oh-state kind="empty" message="No derived rows." command="options-helper derived update --symbol SPY --as-of latest" />`,
})
class HostComponent {
  readonly columns: TableColumn<Row>[] = [
    { key: 'run_id', label: 'run_id', link: (r) => ({ commands: ['/runs', r.run_id] }) },
    { key: 'status', label: 'status', cellClass: (r) => `status-${r.status}` },
    { key: 'duration_ms', label: 'duration_ms', kind: 'int' },
  ];
  readonly rows = signal<Row[]>([
    { run_id: 'r1', status: 'failed', duration_ms: 1234 },
    { run_id: 'r2', status: 'success', duration_ms: null },
  ]);
}

describe('oh-table and oh-state', () => {
  it('renders a captioned table with links, status classes, right-aligned numbers and - for null', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('caption')?.textContent).toBe('Latest Runs');
    expect([...el.querySelectorAll('th')].map((th) => th.getAttribute('scope'))).toEqual(['col', 'col', 'col']);
    const cells = [...el.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim()));
    expect(cells).toEqual([
      ['r1', 'failed', '1,234'],
      ['r2', 'success', '-'],
    ]);
    expect(el.querySelector('tbody a')?.getAttribute('href')).toBe('/runs/r1');
    expect(el.querySelector('tbody td.status-failed')).not.toBeNull();
    expect(el.querySelector('tbody td.num')?.textContent?.trim()).toBe('1,234');

    fixture.componentInstance.rows.set([]);
    await fixture.whenStable();
    expect(el.querySelector('tbody td')?.textContent?.trim()).toBe('No run history available.');
  });

  it('draws the first rows at once and the rest right after (a 200-row section does not hold up the first paint)', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(HostComponent);
    fixture.componentInstance.rows.set(Array.from({ length: 30 }, (_, i) => ({ run_id: `r${i}`, status: 'success', duration_ms: i })));
    fixture.detectChanges();
    const body = () => (fixture.nativeElement as HTMLElement).querySelectorAll('oh-table tbody tr').length;
    expect(body()).toBe(DataTableComponent.FIRST_PAINT_ROWS);
    await new Promise((r) => setTimeout(r, 100));
    await fixture.whenStable();
    expect(body()).toBe(30);
  });

  it('an empty state says what to run next, with a copy button', async () => {
    TestBed.configureTestingModule({ providers: [provideRouter([])] });
    const fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
    const state = (fixture.nativeElement as HTMLElement).querySelector('oh-state') as HTMLElement;
    expect(state.getAttribute('role')).toBe('status');
    expect(state.textContent).toContain('No derived rows.');
    expect(state.querySelector('code')?.textContent).toBe('options-helper derived update --symbol SPY --as-of latest');
    expect(state.querySelector('button')?.getAttribute('aria-label')).toBe('Copy command: options-helper derived update --symbol SPY --as-of latest');
  });
});
