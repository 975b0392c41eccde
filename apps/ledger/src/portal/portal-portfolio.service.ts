import * as fs from 'node:fs';
import * as path from 'node:path';
import { HttpStatus, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import {
  JsonValidationError,
  LatestBriefing,
  parsePortfolioText,
  PortalPortfolio,
  positionsTable,
  riskSummary,
} from '@options-helper/domain';
import { PORTAL_CONFIG, PortalConfig } from './portal.config';

const BRIEFING_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/**
 * The Portfolio page (DOMAIN.md §7.3, §10): the portfolio file and the newest briefing JSON, read from disk on each
 * call and never written. The risk summary is the domain's `riskSummary`, called in this one place.
 */
@Injectable()
export class PortalPortfolioService {
  constructor(@Inject(PORTAL_CONFIG) private readonly config: PortalConfig) {}

  portfolio(query: { portfolioPath?: string; reportsDir?: string }): PortalPortfolio {
    const portfolioPath = path.resolve(query.portfolioPath ?? this.config.portfolioPath);
    const reportsDir = path.resolve(query.reportsDir ?? this.config.reportsDir);
    let text: string;
    try {
      text = fs.readFileSync(portfolioPath, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? `portfolio file not found: ${portfolioPath}` : `portfolio file cannot be read: ${portfolioPath} (${code ?? 'error'})`;
      throw new NotFoundException({ statusCode: HttpStatus.NOT_FOUND, error: 'Not Found', message, reason: 'portfolio_missing', path: portfolioPath });
    }
    let portfolio;
    try {
      portfolio = parsePortfolioText(text, portfolioPath);
    } catch (err) {
      if (!(err instanceof JsonValidationError)) throw err;
      throw new UnprocessableEntityException({
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        error: 'Unprocessable Entity',
        message: err.message,
        reason: 'portfolio_invalid',
        path: portfolioPath,
        issues: err.issues.map((i) => ({ path: i.path, reason: i.reason })),
      });
    }
    const { briefingPath, latest } = latestBriefing(path.join(reportsDir, 'daily'));
    const summary = riskSummary(portfolio, latest);
    return {
      portfolio_path: portfolioPath,
      reports_dir: reportsDir,
      briefing_path: briefingPath,
      base_currency: portfolio.base_currency,
      positions: positionsTable(portfolio),
      risk_summary: summary,
      stress: summary.stress,
      warnings: summary.warnings,
    };
  }
}

/** The greatest `{YYYY-MM-DD}.json` of the folder, read and parsed (or the reason it could not be). */
export function latestBriefing(dailyDir: string): { briefingPath: string | null; latest: LatestBriefing | null } {
  let names: string[];
  try {
    names = fs.readdirSync(dailyDir).filter((n) => BRIEFING_FILE.test(n)).sort();
  } catch {
    return { briefingPath: null, latest: null };
  }
  const name = names[names.length - 1];
  if (!name) return { briefingPath: null, latest: null };
  const file = path.join(dailyDir, name);
  const date = (BRIEFING_FILE.exec(name) as RegExpExecArray)[1] as string;
  try {
    return { briefingPath: file, latest: { date, json: JSON.parse(fs.readFileSync(file, 'utf8')) as unknown } };
  } catch (err) {
    return { briefingPath: file, latest: { date, error: err instanceof Error ? err.message : String(err) } };
  }
}
